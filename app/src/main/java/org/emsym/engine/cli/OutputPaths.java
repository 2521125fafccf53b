package org.emsym.engine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emsym.engine.train.CheckpointFolder;
import org.emsym.engine.util.AtomicTarget;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.io.VolumeWriters;

/**
 * Checks of output paths, made before any compute starts: against the command's inputs, and that each can be
 * written where it is asked for (the engine's {@link AtomicTarget} and {@link VolumeWriters#checkTarget} rules,
 * which the writers apply again when they write). Every refusal names the option and the path.
 */
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

    /** Refuses, naming {@code option}, a file output (CSV, PNG) that cannot be written at {@code target}. */
    static void requireWritableFile(Path target, String option) {
        try {
            AtomicTarget.checkFile(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage(), e);
        }
    }

    /** Refuses, naming {@code option}, a volume output of {@code type} that cannot be written at {@code target}. */
    static void requireWritableVolume(Path target, String option, String dataset, PixelType type) throws IOException {
        try {
            VolumeWriters.checkTarget(target, dataset, type);
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage(), e);
        }
    }

    /** Refuses, naming {@code option}, a folder that is neither a writable folder nor creatable in one. */
    static void requireWritableFolder(Path folder, String option) {
        try {
            CheckpointFolder.requireUsable(folder);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage(), e);
        }
    }
}
