package org.emsym.knime.apicheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;

/**
 * Item 2 of issue 13: the KNIME stand-in ({@code knime-stubs/}) declares its types and their public and protected
 * members exactly as KNIME's real sources do, so that what compiles and runs against the stand-in compiles
 * against KNIME. Iterates the stand-in's source tree, so every stand-in type is checked, also ones added later.
 */
class StubFidelityTest {

    @Test
    void standInTypesAndMembersAreKnimes() {
        KnimeApiSources knime = KnimeApiSources.get();
        Path stubRoot = Path.of(KnimeApiSources.property("emsym.stub.sources"));
        SourceTree stubs = new SourceTree(List.of(stubRoot));
        SourceTree real = new SourceTree(knime.sourceRoots());
        StubFidelity fidelity = new StubFidelity(stubs, real);
        stubs.allTypes(stubRoot).forEach(fidelity::compare);
        List<String> differences = fidelity.differences();
        System.out.printf("[fidelity] stand-in types compared: %d, members compared: %d, differences: %d%n",
                fidelity.typesCompared(), fidelity.membersCompared(), differences.size());
        differences.forEach(d -> System.out.println("[fidelity] " + d));
        assertTrue(fidelity.typesCompared() > 50, "expected the stand-in's types under " + stubRoot);
        assertEquals(List.of(), differences, "the stand-in differs from KNIME");
    }

    @Test
    void differencesAreFound() throws URISyntaxException {
        KnimeApiSources knime = KnimeApiSources.get();
        Path badRoot = Path.of(Objects.requireNonNull(getClass().getResource("/known-bad-stubs"),
                "test resource /known-bad-stubs").toURI());
        SourceTree stubs = new SourceTree(List.of(badRoot));
        StubFidelity fidelity = new StubFidelity(stubs, new SourceTree(knime.sourceRoots()));
        stubs.allTypes(badRoot).forEach(fidelity::compare);
        List<String> differences = fidelity.differences();
        differences.forEach(d -> System.out.println("[fidelity] expected " + d));
        assertEquals(List.of(
                "org.knime.core.data.container.CloseableRowIterator: supertypes: stand-in `[java.lang.AutoCloseable, "
                        + "org.knime.core.data.RowIterator]`, KNIME `[java.io.Closeable, org.knime.core.data.RowIterator]`",
                "org.knime.core.data.container.CloseableRowIterator: method close() throws: stand-in "
                        + "`[java.lang.Exception]`, KNIME `[]`",
                "org.knime.core.data.def.BooleanCellFactory: type not in KNIME's sources",
                "org.knime.core.node.NodeModel: supertypes: stand-in `[]`, KNIME "
                        + "`[org.knime.core.node.AbstractNodeView.ViewableModel]`",
                "org.knime.core.node.NodeModel: method getNrInPorts() modifiers: stand-in `[final, public]`, KNIME "
                        + "`[final, protected]`"),
                differences);
    }
}
