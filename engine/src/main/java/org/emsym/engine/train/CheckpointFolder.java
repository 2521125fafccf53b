package org.emsym.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules for a folder of training checkpoints ({@link Checkpoint#LAST}, {@link Checkpoint#BEST}): whether it
 * holds an earlier run, and whether a run may resume from it. One home for these rules, for the CLI, the
 * {@link SegmentationTrainer} and the KNIME Learner node.
 */
public final class CheckpointFolder {

    private CheckpointFolder() {
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
            Map<String, String> was = fields(state.fingerprint());
            Map<String, String> now = fields(fingerprint);
            for (String name : was.keySet()) {
                ModelIdentity.differ(out, name, was.get(name), now.get(name));
            }
            for (String name : now.keySet()) {
                if (!was.containsKey(name)) {
                    ModelIdentity.differ(out, name, null, now.get(name));
                }
            }
        }
        return out;
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
