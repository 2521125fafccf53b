package org.emsym.engine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of output paths against the command's inputs, made before any compute starts. */
final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * Refuses an output that is, contains or lies inside an input (after resolving {@code .}, {@code ..} and
     * links), so that writing it cannot destroy what is read.
     *
     * @throws IllegalArgumentException naming both options and the path
     */
    static void requireDistinct(Path output, String outputOption, Path input, String inputOption) throws IOException {
        Path o = resolved(output);
        Path i = resolved(input);
        if (o.equals(i) || o.startsWith(i) || i.startsWith(o)) {
            throw new IllegalArgumentException(outputOption + " " + output + " is " + (o.equals(i) ? "the same path as"
                    : o.startsWith(i) ? "inside" : "a folder holding") + " " + inputOption + " " + input
                    + "; writing it would destroy that input, give another path");
        }
    }

    /**
     * Whether {@code output} is a label image {@code <image>/labels/<name>} of the OME-Zarr image {@code image}:
     * written beside the raw data, it adds to that image group without touching its levels.
     */
    static boolean isLabelImageOf(Path output, Path image) throws IOException {
        Path group = org.emsym.engine.volume.io.ZarrWriter.labelImageOf(output);
        return group != null && resolved(group).equals(resolved(image));
    }

    /** The real path of the longest existing prefix, followed by the rest normalized. */
    private static Path resolved(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    }
}
