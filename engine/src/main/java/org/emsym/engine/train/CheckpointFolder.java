package org.emsym.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.util.AtomicTarget;

/**
 * The rules for a folder of training checkpoints ({@link Checkpoint#LAST}, {@link Checkpoint#BEST}): whether it
 * holds an earlier run, and whether a run may resume from it. One home for these rules, for the CLI, the
 * {@link SegmentationTrainer} and the KNIME Learner node.
 */
public final class CheckpointFolder {

    /**
     * File in a checkpoint folder describing the inputs of the run its checkpoints belong to, one
     * {@code name: value} line each (see {@link #claim}); the settings and network are in the checkpoints.
     */
    public static final String RUN_FILE = "run.txt";

    private CheckpointFolder() {
    }

    /**
     * Checks, changing nothing, that {@code folder} is a writable folder or can be created in one.
     *
     * @throws IllegalArgumentException naming the path at fault
     */
    public static void requireUsable(Path folder) {
        if (Files.exists(folder)) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("'" + folder + "' is a file, not a folder.");
            }
            if (!Files.isWritable(folder)) {
                throw new IllegalArgumentException("folder '" + folder + "' is not writable.");
            }
            return;
        }
        AtomicTarget.checkCreatable(folder);
    }

    /**
     * Readies {@code folder} for a run that resumes whenever it can (the KNIME Learner): creates the folder if
     * missing and, unless it holds this run already, records {@code inputs} in {@link #RUN_FILE}. A folder
     * holding checkpoints of another run (other settings, network or inputs) is refused, changing nothing.
     *
     * @param model the requested network, or null when not known (then not compared)
     * @param inputs {@code name: value} lines identifying the run's data (e.g. the volumes' specs)
     * @return whether the folder holds a {@link Checkpoint#LAST} of this run to resume from
     * @throws IllegalArgumentException naming the folder and only the fields that differ
     * @throws UncheckedIOException naming the folder when it cannot be read or written
     */
    public static boolean claim(Path folder, SegmentationTrainingConfig config, ModelIdentity model, String inputs) {
        requireUsable(folder);
        try {
            Files.createDirectories(folder);
            List<String> differences = runMismatches(folder, config, model, inputs);
            if (differences.isEmpty()) {
                if (!inputs.equals(readRunFile(folder))) {
                    // write then move, so that a kill never leaves a half-written run file
                    AtomicFiles.write(folder.resolve(RUN_FILE), inputs.getBytes(StandardCharsets.UTF_8));
                }
                return Files.isRegularFile(folder.resolve(Checkpoint.LAST));
            }
            throw new IllegalArgumentException("folder '" + folder + "' holds checkpoints of another run ("
                    + String.join("; ", differences) + "). Choose an empty folder or delete its " + Checkpoint.LAST
                    + ", " + Checkpoint.BEST + " and " + RUN_FILE + ".");
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint folder '" + folder + "': " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code folder} holds a {@link Checkpoint#LAST} of the run described by the arguments (as
     * {@link #claim} recorded it), so that the run may resume from it.
     */
    public static boolean holdsResumable(Path folder, SegmentationTrainingConfig config, ModelIdentity model, String inputs) {
        try {
            return Files.isRegularFile(folder.resolve(Checkpoint.LAST))
                    && runMismatches(folder, config, model, inputs).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The fields in which the checkpoints in {@code folder} (its {@link Checkpoint#LAST}, else its
     * {@link Checkpoint#BEST}) and its {@link #RUN_FILE} differ from a requested run; empty when the folder
     * holds no checkpoint or one of this run.
     */
    private static List<String> runMismatches(Path folder, SegmentationTrainingConfig config, ModelIdentity model,
            String inputs) throws IOException {
        Path last = folder.resolve(Checkpoint.LAST);
        Path checkpoint = Files.exists(last) ? last : folder.resolve(Checkpoint.BEST);
        if (!Files.exists(checkpoint)) {
            return List.of();
        }
        List<String> out = resumeMismatches(Checkpoint.readState(checkpoint), config.resumeFingerprint(), model);
        String stored = readRunFile(folder);
        if (stored == null) {
            out.add(RUN_FILE + ": missing, so the checkpoints' inputs are unknown");
            return out;
        }
        differences(out, lines(stored), lines(inputs));
        return out;
    }

    private static String readRunFile(Path folder) throws IOException {
        Path file = folder.resolve(RUN_FILE);
        return Files.isRegularFile(file) ? Files.readString(file) : null;
    }

    /** {@code name: value} lines as a map (a line without a colon is a name with an empty value). */
    private static Map<String, String> lines(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (!line.isBlank()) {
                out.put(colon < 0 ? line : line.substring(0, colon), colon < 0 ? "" : line.substring(colon + 2));
            }
        }
        return out;
    }

    /** Whether {@code folder} holds a checkpoint of an earlier run (which a new run would overwrite). */
    public static boolean holdsCheckpoints(Path folder) {
        return Files.exists(folder.resolve(Checkpoint.LAST)) || Files.exists(folder.resolve(Checkpoint.BEST));
    }

    /**
     * Checks that a run with {@code config} on the network {@code model} may resume from {@code folder}'s
     * {@link Checkpoint#LAST} before anything is computed.
     *
     * @param model the requested network, or null when the caller does not know it (then not compared)
     * @throws IllegalArgumentException naming the checkpoint and only the fields that differ
     * @throws UncheckedIOException naming the checkpoint when it is missing or unreadable
     */
    public static TrainingState requireResumable(Path folder, SegmentationTrainingConfig config, ModelIdentity model) {
        Path last = folder.resolve(Checkpoint.LAST);
        TrainingState state;
        try {
            state = Checkpoint.readState(last);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume: " + e.getMessage(), e);
        }
        List<String> differences = resumeMismatches(state, config.resumeFingerprint(), model);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot resume from " + last + ": it was written with other settings: "
                    + String.join("; ", differences));
        }
        return state;
    }

    /**
     * The fields in which a checkpoint's state differs from a requested run, one line each
     * ({@code name: checkpoint X, requested Y}). A checkpoint written before the network was recorded
     * ({@link TrainingState#model()} null) is not compared on the network: it resumes as before.
     *
     * @param fingerprint {@link SegmentationTrainingConfig#resumeFingerprint()} of the requested run
     * @param model the requested network, or null to skip that comparison
     */
    public static List<String> resumeMismatches(TrainingState state, String fingerprint, ModelIdentity model) {
        List<String> out = new ArrayList<>();
        if (model != null && state.model() != null) {
            out.addAll(state.model().differences(model));
        }
        if (!Objects.equals(state.fingerprint(), fingerprint)) {
            differences(out, fields(state.fingerprint()), fields(fingerprint));
        }
        return out;
    }

    /** Adds to {@code out} every name whose value differs between {@code was} and {@code now}, in that order. */
    private static void differences(List<String> out, Map<String, String> was, Map<String, String> now) {
        for (String name : was.keySet()) {
            ModelIdentity.differ(out, name, was.get(name), now.get(name));
        }
        for (String name : now.keySet()) {
            if (!was.containsKey(name)) {
                ModelIdentity.differ(out, name, null, now.get(name));
            }
        }
    }

    /** Splits {@code name=value, name=value} at top-level commas (values may hold brackets with commas). */
    private static Map<String, String> fields(String fingerprint) {
        Map<String, String> out = new LinkedHashMap<>();
        if (fingerprint == null) {
            return out;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= fingerprint.length(); i++) {
            char c = i < fingerprint.length() ? fingerprint.charAt(i) : ',';
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String field = fingerprint.substring(start, i).trim();
                int eq = field.indexOf('=');
                if (!field.isEmpty()) {
                    out.put(eq < 0 ? field : field.substring(0, eq), eq < 0 ? "" : field.substring(eq + 1));
                }
                start = i + 1;
            }
        }
        return out;
    }
}
