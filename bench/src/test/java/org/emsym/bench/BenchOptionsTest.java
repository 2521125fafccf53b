package org.emsym.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsRunEverythingFullSizeOnTwoThreads() {
        BenchOptions o = BenchOptions.parse(new String[0], ROOT);
        assertFalse(o.quick());
        assertEquals(2, o.threads());
        for (String name : BenchOptions.NAMES) {
            assertTrue(o.runs(name), name);
        }
        assertEquals(ROOT.resolve("bench/results/latest.md"), o.out());
        assertEquals(ROOT.resolve("bench/python/torch_unet.py"), o.script());
    }

    @Test
    void parsesQuickThreadsAndASelection() {
        BenchOptions o = BenchOptions.parse(new String[] {"--quick", "--threads", "1", "--only", "parity,IG"}, ROOT);
        assertTrue(o.quick());
        assertEquals(1, o.threads());
        assertEquals(Set.of("parity", "ig"), o.only());
        assertFalse(o.runs("isbi"));
    }

    @Test
    void errorsNameTheArgumentAtFault() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--only", "parity,speed"}, ROOT));
        assertTrue(e.getMessage().contains("speed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--threads", "0"}, ROOT));
        assertTrue(e.getMessage().contains("--threads"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--threads"}, ROOT));
        assertTrue(e.getMessage().contains("needs a value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--fast"}, ROOT));
        assertTrue(e.getMessage().contains("--fast"), e.getMessage());
    }
}
