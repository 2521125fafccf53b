package org.emsym.knime.util;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.util.FileUtil;

/**
 * Turns a path setting into a local file-system path. Plain paths are taken as they are; URLs go through KNIME's
 * {@link FileUtil}, so {@code knime://knime.workflow/../data/stack.tif} (relative to the workflow, as the example
 * workflows use) and {@code file:} URLs work wherever a path is asked for.
 */
public final class KnimePaths {

    private KnimePaths() {
    }

    /** Whether {@code text} is written as a URL ({@code knime:} or {@code file:}) rather than a plain path. */
    public static boolean isUrl(String text) {
        String t = text.trim();
        return t.regionMatches(true, 0, "knime:", 0, 6) || t.regionMatches(true, 0, "file:", 0, 5);
    }

    /**
     * The local path of a path setting.
     *
     * @param text the setting's value: a path, a {@code file:} URL or a {@code knime:} URL
     * @param label the setting's label, named in every error
     * @throws InvalidSettingsException if the value is empty, not a valid path, or a URL that does not denote a
     *     local file
     */
    public static Path resolve(String text, String label) throws InvalidSettingsException {
        if (text == null || text.isBlank()) {
            throw new InvalidSettingsException(label + ": no file or folder set.");
        }
        String t = text.trim();
        try {
            if (!isUrl(t)) {
                return Path.of(t);
            }
            URL url = FileUtil.toURL(t);
            Path path = FileUtil.resolveToPath(url);
            if (path == null) {
                throw new InvalidSettingsException(label + ": '" + t + "' does not denote a local file.");
            }
            return path;
        } catch (InvalidPathException | MalformedURLException | URISyntaxException e) {
            throw new InvalidSettingsException(label + ": '" + t + "' is not a valid path or URL ("
                    + e.getMessage() + ").", e);
        } catch (IOException e) {
            throw new InvalidSettingsException(label + ": cannot resolve '" + t + "': " + e.getMessage(), e);
        }
    }
}
