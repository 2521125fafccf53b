package org.emsym.knime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The bundle's {@code Bundle-ClassPath} names exactly the jars the release build copies into {@code plugin/lib}.
 *
 * <p>The release build ({@code plugin/pom-tycho.xml}) copies the plugin's runtime dependencies with
 * {@code maven-dependency-plugin:copy-dependencies}, versions stripped, minus the artifacts it excludes (the
 * per-platform natives, which travel in fragments). The expected jar names are derived here from the plugin's
 * resolved runtime dependencies, which the default build writes with {@code dependency:list} before the tests run
 * ({@code emsym.bundle.dependencies}), and from that copy configuration; nothing lists them by hand.
 */
class BundleClassPathTest {

    /** One line of {@code dependency:list}: {@code group:artifact:type[:classifier]:version:scope}. */
    record Resolved(String groupId, String artifactId, String type, String classifier, String scope) {

        static Resolved parse(String line) {
            String coordinates = line.trim();
            int module = coordinates.indexOf(" -- ");
            if (module >= 0) {
                coordinates = coordinates.substring(0, module).trim();
            }
            String[] p = coordinates.split(":");
            if (p.length == 5) {
                return new Resolved(p[0], p[1], p[2], "", p[4]);
            }
            if (p.length == 6) {
                return new Resolved(p[0], p[1], p[2], p[3], p[5]);
            }
            throw new IllegalArgumentException("not a dependency:list line: '" + line + "'");
        }

        /** The file name copy-dependencies gives it with stripVersion: artifactId[-classifier].type. */
        String strippedFileName() {
            return artifactId + (classifier.isEmpty() ? "" : "-" + classifier) + "." + type;
        }
    }

    static List<Resolved> resolvedRuntimeDependencies() throws Exception {
        String file = System.getProperty("emsym.bundle.dependencies");
        assertTrue(file != null, "surefire must pass emsym.bundle.dependencies (plugin/pom.xml)");
        Path list = Path.of(file);
        assertTrue(Files.isRegularFile(list), list + " is missing: the plugin build's dependency:list execution"
                + " (bundle-runtime-dependencies) writes it in generate-test-resources");
        List<Resolved> resolved = new ArrayList<>();
        for (String line : Files.readAllLines(list)) {
            if (line.startsWith("   ") && line.contains(":")) {
                resolved.add(Resolved.parse(line));
            }
        }
        assertFalse(resolved.isEmpty(), list + " lists no dependency");
        for (Resolved r : resolved) {
            assertTrue(r.scope().equals("compile") || r.scope().equals("runtime"),
                    list + " lists " + r + ", which is not a runtime dependency");
        }
        return resolved;
    }

    static Path tychoPom() {
        return BundleFiles.pluginDir().resolve("pom-tycho.xml");
    }

    /** The artifactIds the release build's copy-dependencies leaves out of plugin/lib. */
    static Set<String> excludedFromLib() throws Exception {
        Element config = BundleFiles.configuration(tychoPom(),
                BundleFiles.dependencyPluginExecution(tychoPom(), "copy-dependencies"));
        return Arrays.stream(BundleFiles.childText(config, "excludeArtifactIds").orElse("").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    static List<String> bundleClassPath() throws Exception {
        return BundleFiles.headerEntries(
                BundleFiles.manifest(BundleFiles.pluginDir().resolve("META-INF/MANIFEST.MF")), "Bundle-ClassPath");
    }

    @Test
    void releaseBuildCopiesRuntimeDependenciesIntoLibWithStrippedVersions() throws Exception {
        Element config = BundleFiles.configuration(tychoPom(),
                BundleFiles.dependencyPluginExecution(tychoPom(), "copy-dependencies"));
        assertEquals("${project.basedir}/lib", BundleFiles.childText(config, "outputDirectory").orElse(""),
                tychoPom() + ": copy-dependencies must fill plugin/lib");
        assertEquals("runtime", BundleFiles.childText(config, "includeScope").orElse(""),
                tychoPom() + ": copy-dependencies must copy the runtime scope");
        assertEquals("true", BundleFiles.childText(config, "stripVersion").orElse(""),
                tychoPom() + ": copy-dependencies must strip versions (Bundle-ClassPath names jars without them)");
        for (String other : List.of("includeArtifactIds", "includeGroupIds", "excludeGroupIds", "excludeScope",
                "excludeTransitive", "includeClassifiers", "excludeClassifiers", "prependGroupId", "useRepositoryLayout",
                "stripClassifier")) {
            assertTrue(BundleFiles.childText(config, other).isEmpty(), tychoPom() + ": copy-dependencies sets <"
                    + other + ">, which this test does not model; extend it before using it");
        }
        assertTrue(Files.readString(BundleFiles.pluginDir().resolve("build.properties")).matches("(?s).*bin\\.includes"
                + "\\s*=.*\\blib/.*"), "plugin/build.properties: bin.includes must carry lib/");
    }

    @Test
    void releaseBuildHasTheSameRuntimeDependenciesAsThePluginBuild() throws Exception {
        // the list was resolved from plugin/pom.xml; pom-tycho.xml must declare the same non-provided dependencies
        Set<String> tycho = runtimeDependencyKeys(tychoPom());
        Set<String> plugin = runtimeDependencyKeys(BundleFiles.pluginDir().resolve("pom.xml"));
        assertEquals(plugin, tycho, "plugin/pom-tycho.xml and plugin/pom.xml declare different runtime dependencies");
    }

    private static Set<String> runtimeDependencyKeys(Path pom) throws Exception {
        Element project = BundleFiles.xml(pom).getDocumentElement();
        Set<String> keys = new TreeSet<>();
        for (Element deps : BundleFiles.children(project, "dependencies")) {
            for (Element dep : BundleFiles.children(deps, "dependency")) {
                String scope = BundleFiles.childText(dep, "scope").orElse("compile");
                if (scope.equals("compile") || scope.equals("runtime")) {
                    keys.add(BundleFiles.childText(dep, "groupId").orElse("") + ":"
                            + BundleFiles.childText(dep, "artifactId").orElse(""));
                }
            }
        }
        return keys;
    }

    @Test
    void bundleClassPathNamesExactlyTheJarsCopiedIntoLib() throws Exception {
        Set<String> excluded = excludedFromLib();
        Set<String> expected = new TreeSet<>();
        for (Resolved r : resolvedRuntimeDependencies()) {
            if (!excluded.contains(r.artifactId())) {
                assertTrue(expected.add("lib/" + r.strippedFileName()),
                        "two runtime dependencies are copied to the same file lib/" + r.strippedFileName());
            }
        }
        List<String> entries = bundleClassPath();
        assertEquals(".", entries.isEmpty() ? "" : entries.get(0), "Bundle-ClassPath must start with '.'");
        List<String> jars = entries.subList(1, entries.size());
        Set<String> listed = new TreeSet<>(jars);
        assertEquals(jars.size(), listed.size(), "Bundle-ClassPath names a jar twice: " + jars);

        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(listed);
        Set<String> notCopied = new TreeSet<>(listed);
        notCopied.removeAll(expected);
        assertTrue(missing.isEmpty() && notCopied.isEmpty(),
                "plugin/META-INF/MANIFEST.MF Bundle-ClassPath differs from what the release build copies into lib/:"
                        + " runtime dependencies missing from it " + missing + ", listed but not copied " + notCopied);
    }

    @Test
    void onlyPerPlatformNativesAreLeftOutOfLib() throws Exception {
        // what the host does not carry must be carried by a fragment (BundleNativesTest checks the fragments)
        assertEquals(Set.of("pytorch-native-cpu"), excludedFromLib(),
                tychoPom() + ": copy-dependencies may leave out only the per-platform natives");
        Set<String> resolvedIds = resolvedRuntimeDependencies().stream().map(Resolved::artifactId)
                .collect(Collectors.toSet());
        assertTrue(resolvedIds.containsAll(excludedFromLib()), "an excluded artifact is not a runtime dependency of"
                + " the plugin any more; drop the exclusion from " + tychoPom());
    }
}
