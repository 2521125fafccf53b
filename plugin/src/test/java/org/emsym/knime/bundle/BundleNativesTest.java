package org.emsym.knime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Every platform the release declares gets DJL's libtorch CPU natives, KNIME's way: one fragment of
 * {@code org.emsym.knime} per os/ws/arch, with an {@code Eclipse-PlatformFilter}, included in the feature with the
 * same os/ws/arch, whose {@code Bundle-ClassPath} names the native jar its build copies. The host bundle carries
 * none. Reads the manifests, {@code feature/feature.xml} and the POMs only; downloads nothing.
 */
class BundleNativesTest {

    private static final Pattern FILTER_TERM = Pattern.compile("\\(osgi\\.(os|ws|arch)=([^()&|!=]+)\\)");

    /** An OSGi platform as Tycho, p2 and Eclipse-PlatformFilter spell it. */
    record Platform(String os, String ws, String arch) implements Comparable<Platform> {

        /** DJL's name of the platform in its native jars' classifier (ai.djl.util.Platform: linux, win, osx). */
        String djlClassifier() {
            String djlOs = switch (os) {
                case "linux" -> "linux";
                case "win32" -> "win";
                case "macosx" -> "osx";
                default -> throw new AssertionError("no DJL native naming known for os " + os);
            };
            return djlOs + "-" + arch;
        }

        @Override
        public int compareTo(Platform o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return os + "/" + ws + "/" + arch;
        }
    }

    private static Path releasePom() {
        return BundleFiles.rootDir().resolve("release/pom.xml");
    }

    private static Path featureXml() {
        return BundleFiles.rootDir().resolve("feature/feature.xml");
    }

    /** The environments the release build targets (target-platform-configuration). */
    static Set<Platform> releaseEnvironments() throws Exception {
        Set<Platform> platforms = new TreeSet<>();
        for (Element env : BundleFiles.descendants(BundleFiles.xml(releasePom()).getDocumentElement(), "environment")) {
            platforms.add(new Platform(BundleFiles.childText(env, "os").orElse(""),
                    BundleFiles.childText(env, "ws").orElse(""), BundleFiles.childText(env, "arch").orElse("")));
        }
        return platforms;
    }

    /** The feature's plugin entries that carry a platform, by platform. */
    static Map<Platform, Element> featurePlatformEntries() throws Exception {
        Map<Platform, Element> entries = new TreeMap<>();
        for (Element plugin : BundleFiles.children(BundleFiles.xml(featureXml()).getDocumentElement(), "plugin")) {
            if (plugin.hasAttribute("os") || plugin.hasAttribute("ws") || plugin.hasAttribute("arch")) {
                Platform p = new Platform(plugin.getAttribute("os"), plugin.getAttribute("ws"),
                        plugin.getAttribute("arch"));
                assertTrue(entries.put(p, plugin) == null, featureXml() + ": two plugins for " + p);
            }
        }
        return entries;
    }

    @Test
    void featureShipsAFragmentForEveryReleasePlatform() throws Exception {
        Set<Platform> declared = releaseEnvironments();
        assertFalse(declared.isEmpty(), releasePom() + " declares no environment");
        assertEquals(declared, featurePlatformEntries().keySet(),
                featureXml() + " must include one platform fragment per environment of " + releasePom());
    }

    @Test
    void everyPlatformFragmentCarriesItsNativeJarBehindAMatchingFilter() throws Exception {
        Attributes host = BundleFiles.manifest(BundleFiles.pluginDir().resolve("META-INF/MANIFEST.MF"));
        String hostId = symbolicName(host);
        String releaseModules = String.join("\n", BundleFiles.descendants(
                BundleFiles.xml(releasePom()).getDocumentElement(), "module").stream()
                .map(m -> m.getTextContent().trim()).toList());

        for (Map.Entry<Platform, Element> entry : featurePlatformEntries().entrySet()) {
            Platform platform = entry.getKey();
            Element feature = entry.getValue();
            String id = feature.getAttribute("id");
            assertEquals("true", feature.getAttribute("fragment"), featureXml() + ": " + id + " must say fragment=\"true\"");
            Path dir = BundleFiles.rootDir().resolve("fragments").resolve(id);
            Path manifestFile = dir.resolve("META-INF/MANIFEST.MF");
            assertTrue(Files.isRegularFile(manifestFile), "no fragment for " + platform + ": " + manifestFile);
            Attributes manifest = BundleFiles.manifest(manifestFile);

            assertEquals(id, symbolicName(manifest), manifestFile + ": Bundle-SymbolicName");
            assertEquals(hostId, BundleFiles.headerEntries(manifest, "Fragment-Host").get(0).split(";")[0].trim(),
                    manifestFile + ": Fragment-Host must be the plugin");
            assertEquals(Map.of("os", platform.os(), "ws", platform.ws(), "arch", platform.arch()),
                    platformFilter(manifestFile, manifest.getValue("Eclipse-PlatformFilter")),
                    manifestFile + ": Eclipse-PlatformFilter must match the feature's os/ws/arch");

            String nativeJar = "lib/pytorch-native-cpu-" + platform.djlClassifier() + ".jar";
            assertEquals(List.of(nativeJar), BundleFiles.headerEntries(manifest, "Bundle-ClassPath"),
                    manifestFile + ": Bundle-ClassPath must name DJL's native jar for " + platform);

            Path pom = dir.resolve("pom.xml");
            Element project = BundleFiles.xml(pom).getDocumentElement();
            assertEquals(id, BundleFiles.childText(project, "artifactId").orElse(""), pom + ": artifactId");
            assertEquals("eclipse-plugin", BundleFiles.childText(project, "packaging").orElse(""), pom + ": packaging");
            Element config = BundleFiles.configuration(pom, BundleFiles.dependencyPluginExecution(pom, "copy"));
            assertEquals("${project.basedir}/lib", BundleFiles.childText(config, "outputDirectory").orElse(""),
                    pom + ": the native jar must be copied into the fragment's lib/");
            List<Element> items = BundleFiles.descendants(config, "artifactItem");
            assertEquals(1, items.size(), pom + ": copies one artifact");
            Element item = items.get(0);
            assertEquals("ai.djl.pytorch", BundleFiles.childText(item, "groupId").orElse(""), pom + ": groupId");
            assertEquals("pytorch-native-cpu", BundleFiles.childText(item, "artifactId").orElse(""), pom + ": artifactId");
            assertEquals(platform.djlClassifier(), BundleFiles.childText(item, "classifier").orElse(""),
                    pom + ": classifier for " + platform);
            assertEquals("${pytorch.native.version}", BundleFiles.childText(item, "version").orElse(""),
                    pom + ": version must be the release build's pytorch.native.version");
            assertEquals(nativeJar.substring("lib/".length()), BundleFiles.childText(item, "destFileName").orElse(""),
                    pom + ": destFileName must be the jar the manifest names");

            assertTrue(Files.readString(dir.resolve("build.properties")).matches("(?s).*bin\\.includes\\s*=.*\\blib/.*"),
                    dir.resolve("build.properties") + ": bin.includes must carry lib/");
            assertTrue(releaseModules.contains("../fragments/" + id), releasePom() + " must build ../fragments/" + id);
        }
    }

    @Test
    void everyFragmentFolderIsInTheFeature() throws Exception {
        Set<String> inFeature = new TreeSet<>();
        featurePlatformEntries().values().forEach(e -> inFeature.add(e.getAttribute("id")));
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> s = Files.list(BundleFiles.rootDir().resolve("fragments"))) {
            s.filter(Files::isDirectory).forEach(p -> folders.add(p.getFileName().toString()));
        }
        assertEquals(folders, inFeature, "fragments/ and feature/feature.xml's platform plugins differ");
    }

    @Test
    void nativesVersionIsTheEngines() throws Exception {
        String engine = property(BundleFiles.rootDir().resolve("pom.xml"), "pytorch.native.version");
        String release = property(releasePom(), "pytorch.native.version");
        assertFalse(engine.isEmpty(), "pom.xml has no pytorch.native.version");
        assertEquals(engine, release, releasePom() + ": pytorch.native.version must be the engine's (pom.xml)");
    }

    @Test
    void hostBundleCarriesNoNativeJar() throws Exception {
        Path file = BundleFiles.pluginDir().resolve("META-INF/MANIFEST.MF");
        List<String> natives = new ArrayList<>();
        for (String jar : BundleFiles.headerEntries(BundleFiles.manifest(file), "Bundle-ClassPath")) {
            if (jar.contains("pytorch-native")) {
                natives.add(jar);
            }
        }
        assertTrue(natives.isEmpty(), file + ": the host lists per-platform natives " + natives
                + "; they belong in the fragments");
    }

    private static String symbolicName(Attributes manifest) {
        return manifest.getValue("Bundle-SymbolicName").split(";")[0].trim();
    }

    private static String property(Path pom, String name) throws Exception {
        for (Element props : BundleFiles.children(BundleFiles.xml(pom).getDocumentElement(), "properties")) {
            if (BundleFiles.childText(props, name).isPresent()) {
                return BundleFiles.childText(props, name).get();
            }
        }
        return "";
    }

    /** Reads {@code (&(osgi.os=..)(osgi.ws=..)(osgi.arch=..))}; anything else in the filter fails. */
    static Map<String, String> platformFilter(Path file, String filter) {
        assertTrue(filter != null, file + " has no Eclipse-PlatformFilter");
        String compact = filter.replaceAll("\\s+", "");
        Map<String, String> terms = new TreeMap<>();
        Matcher m = FILTER_TERM.matcher(compact);
        while (m.find()) {
            assertTrue(terms.put(m.group(1), m.group(2)) == null, file + ": osgi." + m.group(1) + " twice in " + filter);
        }
        assertEquals("(&)", FILTER_TERM.matcher(compact).replaceAll(""),
                file + ": Eclipse-PlatformFilter must be a conjunction of osgi.os/ws/arch terms: " + filter);
        return terms;
    }
}
