package org.emsym.knime.apicheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;

/**
 * Item 1 of issue 13: every main source of the plugin compiles against KNIME's real sources (KNIME 5.12,
 * knime-core-ui, KNIP 1.8.3, imagej-common 0.28.1, imglib2 5.8.0), not only against the stand-in; and a source
 * using API that real KNIME lacks fails this check.
 */
class RealApiCompileTest {

    @Test
    void pluginMainSourcesCompileAgainstRealKnime() {
        KnimeApiSources knime = KnimeApiSources.get();
        Path pluginRoot = Path.of(KnimeApiSources.property("emsym.plugin.sources"));
        List<Path> files = RealApiCompiler.javaFiles(pluginRoot);
        assertTrue(files.size() > 50, "expected the plugin's main sources under " + pluginRoot + ", found "
                + files.size());
        RealApiCompiler.Result result = new RealApiCompiler(knime).compile(pluginRoot, files, List.of());
        List<String> removal = result.warningsContaining("removal");
        System.out.printf("[real-api] plugin files: %d, errors in them: %d, [removal] warnings: %d (of %d warnings), errors in"
                + " KNIME's or other sources (not counted): %d%n", result.checkedFiles(), result.errors().size(),
                removal.size(), result.warnings().size(), result.errorsElsewhere());
        result.errors().forEach(e -> System.out.println("[real-api] ERROR " + e));
        removal.forEach(w -> System.out.println("[real-api] WARNING " + w));
        assertEquals(List.of(), result.errors(),
                "the plugin uses API that real KNIME does not have (or has with another signature)");
        // KNIME 5.6 marked the Swing dialogs and views for removal; the nodes are on NodeParameters instead
        assertEquals(List.of(), removal, "the plugin uses KNIME API marked for removal");
    }

    @Test
    void sourceUsingApiKnimeLacksFails() throws URISyntaxException {
        KnimeApiSources knime = KnimeApiSources.get();
        Path badRoot = Path.of(Objects.requireNonNull(getClass().getResource("/known-bad"),
                "test resource /known-bad").toURI());
        Path bad = badRoot.resolve("org/emsym/knime/apicheck/bad/UsesApiKnimeLacks.java");
        RealApiCompiler.Result result = new RealApiCompiler(knime).compile(badRoot, List.of(bad), List.of());
        result.errors().forEach(e -> System.out.println("[real-api] expected ERROR " + e));
        assertTrue(result.errors().stream().anyMatch(e -> e.contains("BooleanCellFactory")),
                "the import of the non-existent org.knime.core.data.def.BooleanCellFactory must fail: "
                        + result.errors());
        assertTrue(result.errors().stream().anyMatch(e -> e.contains("getNrInPorts")),
                "calling the protected NodeModel.getNrInPorts() from outside must fail: " + result.errors());
    }
}
