package org.emsym.engine.volume.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * zarr-python (Debian python3-zarr 2.13, Zarr v2) and numcodecs as an independent reader and writer for interop
 * tests; tests skip (JUnit Assumptions) when {@link #available()} is false.
 */
final class PythonZarr {

    /** The first interpreter (PATH python3, then Debian's) that imports zarr and numcodecs, or null. */
    private static final String PYTHON = find();

    private PythonZarr() {
    }

    private static String find() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import zarr, numcodecs").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException | InterruptedException e) {
                // try the next one
            }
        }
        return null;
    }

    static boolean available() {
        return PYTHON != null;
    }

    /** Runs {@code script}, asserts exit 0, returns its output. */
    static String run(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
