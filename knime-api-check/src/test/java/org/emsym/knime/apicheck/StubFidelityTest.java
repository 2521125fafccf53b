package org.emsym.knime.apicheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
    void standInTypesAndMembersAreKnimes() throws IOException {
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
        List<String> known = knownDifferences();
        List<String> unexpected = new ArrayList<>(differences);
        unexpected.removeAll(known);
        List<String> gone = new ArrayList<>(known);
        gone.removeAll(differences);
        System.out.printf("[fidelity] of them known and accepted (stand-in-known-differences.txt): %d%n",
                differences.size() - unexpected.size());
        assertEquals(List.of(), unexpected, "the stand-in differs from KNIME");
        assertEquals(List.of(), gone, "listed in stand-in-known-differences.txt but no longer found: delete them");
    }

    private static List<String> knownDifferences() throws IOException {
        try (InputStream in = Objects.requireNonNull(
                StubFidelityTest.class.getResourceAsStream("/stand-in-known-differences.txt"),
                "test resource /stand-in-known-differences.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
