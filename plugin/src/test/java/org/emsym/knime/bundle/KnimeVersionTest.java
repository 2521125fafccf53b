package org.emsym.knime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The minimum KNIME version is one number everywhere: the nodes use NodeParameters and DefaultNodeFactory
 * ({@code org.knime.core.ui}, KNIME 5.6+) and the bundle requires Java 21 (KNIME's runtime from 5.9 on), so the
 * manifest requires KNIME's bundles from 5.9 on, and the feature imports the same bundles from the same version.
 */
class KnimeVersionTest {

    private static final String MINIMUM = "5.9.0";

    private static final Pattern RANGE = Pattern.compile("([\\w.]+);bundle-version=\"\\[([\\d.]+),([\\d.]+)\\)\"");

    /** The KNIME bundles the manifest requires, with their lowest version. */
    private static Map<String, String> requiredKnimeBundles() throws Exception {
        Attributes manifest = BundleFiles.manifest(BundleFiles.pluginDir().resolve("META-INF/MANIFEST.MF"));
        Map<String, String> required = new TreeMap<>();
        // version ranges hold commas, so the header is matched as a whole rather than split at commas
        Matcher m = RANGE.matcher(manifest.getValue("Require-Bundle").replace(" ", ""));
        while (m.find()) {
            if (m.group(1).startsWith("org.knime.") && !m.group(1).startsWith("org.knime.knip")) {
                required.put(m.group(1), m.group(2));
            }
        }
        return required;
    }

    @Test
    void manifestRequiresKnime59IncludingCoreUiAndJava21() throws Exception {
        Attributes manifest = BundleFiles.manifest(BundleFiles.pluginDir().resolve("META-INF/MANIFEST.MF"));
        // KNIME ships Java 21 from 5.9 on; a JavaSE-21 bundle cannot resolve on an older KNIME
        assertEquals("JavaSE-21", manifest.getValue("Bundle-RequiredExecutionEnvironment"));
        Map<String, String> required = requiredKnimeBundles();
        assertNotNull(required.get("org.knime.core.ui"), "NodeParameters and DefaultNodeFactory live in org.knime.core.ui");
        for (Map.Entry<String, String> e : required.entrySet()) {
            assertEquals(MINIMUM, e.getValue(), e.getKey());
        }
    }

    @Test
    void featureImportsWhatTheManifestRequires() throws Exception {
        Path feature = BundleFiles.rootDir().resolve("feature/feature.xml");
        Map<String, String> imported = new TreeMap<>();
        for (Element i : BundleFiles.descendants(BundleFiles.xml(feature).getDocumentElement(), "import")) {
            if (i.getAttribute("plugin").startsWith("org.knime.")) {
                imported.put(i.getAttribute("plugin"), i.getAttribute("version"));
            }
        }
        assertEquals(requiredKnimeBundles(), imported);
    }
}
