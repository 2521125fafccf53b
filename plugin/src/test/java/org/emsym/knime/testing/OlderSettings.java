package org.emsym.knime.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A node's settings.xml as an earlier version wrote it: a copy without the entries (and their SettingsModel
 * {@code _Internals} configs) of settings added later, to check that such workflows still load.
 */
public final class OlderSettings {

    private OlderSettings() {
    }

    /**
     * Copies {@code settingsXml} to {@code target} without the entries whose keys start with one of
     * {@code prefixes}; fails if the file has none of them (the test would then check nothing).
     */
    public static Path without(Path settingsXml, Path target, String... prefixes) throws IOException {
        String older = Files.readString(settingsXml, StandardCharsets.UTF_8);
        for (String prefix : prefixes) {
            if (!older.contains("key=\"" + prefix)) {
                throw new IllegalStateException(settingsXml + " has no entry starting with " + prefix);
            }
            String key = Pattern.quote(prefix) + "[^\"]*";
            older = older.replaceAll("(?s)\\s*<config key=\"" + key + "_Internals\">.*?</config>", "")
                    .replaceAll("\\s*<entry key=\"" + key + "\"[^>]*/>", "");
            if (older.contains("key=\"" + prefix)) {
                throw new IllegalStateException("entries starting with " + prefix + " left in " + settingsXml);
            }
        }
        Files.writeString(target, older, StandardCharsets.UTF_8);
        return target;
    }
}
