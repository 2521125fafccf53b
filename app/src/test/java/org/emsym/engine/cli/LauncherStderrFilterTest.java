package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code emsym} launcher drops libtorch's "AutoNonVariableTypeMode is deprecated" line, which native code
 * prints straight to fd 2 on every run, and passes everything else through unchanged, progress lines ending in
 * {@code \r} included. Runs the launcher's own perl filter on sample stderr (skipped without perl).
 */
class LauncherStderrFilterTest {

    private static final Path LAUNCHER = Path.of("..", "emsym");

    private static final String WARNING = "[W1203 13:07:23.829358166 LegacyTypeDispatch.h:74] Warning:"
            + " AutoNonVariableTypeMode is deprecated and will be removed in 1.10 release. (function operator())\n";

    /** The filter program as the launcher defines it ({@code native_warning_filter='...'}). */
    private static String filterProgram() throws IOException {
        List<String> lines = Files.readAllLines(LAUNCHER, StandardCharsets.UTF_8);
        StringBuilder program = new StringBuilder();
        boolean inside = false;
        for (String line : lines) {
            if (line.startsWith("native_warning_filter='")) {
                inside = true;
                line = line.substring("native_warning_filter='".length());
            }
            if (inside) {
                boolean last = line.endsWith("'");
                program.append(last ? line.substring(0, line.length() - 1) : line).append('\n');
                if (last) {
                    return program.toString();
                }
            }
        }
        throw new AssertionError("no native_warning_filter in " + LAUNCHER.toAbsolutePath());
    }

    /** Feeds {@code chunks} to the filter one write at a time; returns what it printed. */
    private static String filter(String... chunks) throws Exception {
        Process perl = new ProcessBuilder("perl", "-e", filterProgram()).redirectErrorStream(true).start();
        try (OutputStream in = perl.getOutputStream()) {
            for (String chunk : chunks) {
                in.write(chunk.getBytes(StandardCharsets.UTF_8));
                in.flush();
                Thread.sleep(20);
            }
        }
        String out = new String(perl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        perl.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private static boolean perlAvailable() {
        try {
            return new ProcessBuilder("perl", "-e", "1").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void theLibtorchDeprecationLineIsDroppedAndAllElsePassesThrough() throws Exception {
        assumeTrue(Files.isRegularFile(LAUNCHER), "launcher not found");
        assumeTrue(perlAvailable(), "perl not installed");
        String before = "INFO: training on cpu\n  10.0% tile 1/4\r";
        String after = "  50.0% tile 2/4\r100.0% done\nemsym predict: wrote p.tif\n";
        assertEquals(before + after, filter(before + WARNING + after));
        // split across two writes, in the middle of the warning line
        int cut = WARNING.length() / 2;
        assertEquals(before + after, filter(before + WARNING.substring(0, cut), WARNING.substring(cut) + after));
        // other native warnings stay
        String other = "[W1203 13:07:23.8 Foo.h:1] Warning: something else\n";
        assertEquals(other, filter(other));
    }
}
