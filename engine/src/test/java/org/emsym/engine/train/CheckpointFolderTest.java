package org.emsym.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFolderTest {

    @TempDir
    Path dir;

    private static final ModelIdentity MODEL = new ModelIdentity("mobilenet_v2", 1, "default", "uniform", "abc");

    @Test
    void onlyTheFieldsThatDifferAreNamed() {
        SegmentationTrainingConfig config = SegmentationTrainingConfig.builder().batchSize(2).build();
        TrainingState state = TrainingState.initial(config.resumeFingerprint(), MODEL);
        assertEquals(List.of(), CheckpointFolder.resumeMismatches(state, config.resumeFingerprint(), MODEL));

        ModelIdentity other = new ModelIdentity("mobilenet_v2", 2, "default", "none", "abc");
        String fingerprint = SegmentationTrainingConfig.builder().batchSize(4).build().resumeFingerprint();
        assertEquals(List.of("k: checkpoint 1, requested 2", "strategy: checkpoint uniform, requested none",
                "batchSize: checkpoint 2, requested 4"), CheckpointFolder.resumeMismatches(state, fingerprint, other));
    }

    @Test
    void aCheckpointWithoutARecordedModelStillResumes() throws Exception {
        SegmentationTrainingConfig config = SegmentationTrainingConfig.builder().checkpointFolder(dir).model(MODEL).build();
        // state.json as written before the model was recorded
        String json = "{\"format\": 1, \"state\": {\"nextEpoch\": 1, \"globalStep\": 5, \"history\": [],"
                + " \"bestValidationLoss\": 0.5, \"bestEpoch\": 0, \"epochsWithoutImprovement\": 0,"
                + " \"stoppedEarly\": false, \"fingerprint\": \"" + config.resumeFingerprint() + "\"}}";
        try (OutputStream os = Files.newOutputStream(dir.resolve(Checkpoint.LAST));
                ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("state.json"));
            zip.write(json.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertTrue(CheckpointFolder.holdsCheckpoints(dir));
        TrainingState state = CheckpointFolder.requireResumable(dir, config, MODEL);
        assertNull(state.model());
        assertEquals(1, state.nextEpoch());
    }

    @Test
    void aFolderWithoutLastCheckpointCannotBeResumed() {
        assertFalse(CheckpointFolder.holdsCheckpoints(dir));
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> CheckpointFolder.requireResumable(dir, SegmentationTrainingConfig.builder().build(), MODEL));
        assertTrue(e.getMessage().contains(dir.resolve(Checkpoint.LAST).toString()), e::getMessage);
    }

    /** A checkpoint file holding only state.json with {@code state}, as {@link Checkpoint#readState} reads it. */
    private static void writeState(Path file, TrainingState state) throws Exception {
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager();
                AdamOptimizer adam = new AdamOptimizer(manager, OptimizerType.ADAMW, 0.01)) {
            Checkpoint.write(file, state, new byte[0], adam);
        }
    }

    @Test
    void claimRecordsTheInputsAndResumesOnlyTheSameRun() throws Exception {
        Path folder = dir.resolve("a").resolve("checkpoints");
        SegmentationTrainingConfig config = SegmentationTrainingConfig.builder().checkpointFolder(folder).model(MODEL).build();
        String inputs = "image: 4x8x8 uint8\nlabels: 4x8x8 uint8\n";
        assertFalse(CheckpointFolder.claim(folder, config, MODEL, inputs), "an empty folder starts a run");
        assertEquals(inputs, Files.readString(folder.resolve(CheckpointFolder.RUN_FILE)));

        writeState(folder.resolve(Checkpoint.LAST), TrainingState.initial(config.resumeFingerprint(), MODEL));
        assertTrue(CheckpointFolder.holdsResumable(folder, config, MODEL, inputs));
        assertTrue(CheckpointFolder.claim(folder, config, MODEL, inputs), "the same run resumes");

        ModelIdentity otherWeights = new ModelIdentity("mobilenet_v2", 1, "default", "uniform", "def");
        SegmentationTrainingConfig otherSeed = config.toBuilder().seed(5).build();
        String otherInputs = "image: 4x8x8 uint16\nlabels: 4x8x8 uint8\n";
        assertFalse(CheckpointFolder.holdsResumable(folder, otherSeed, MODEL, inputs));
        byte[] before = Files.readAllBytes(folder.resolve(CheckpointFolder.RUN_FILE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointFolder.claim(folder, otherSeed, otherWeights, otherInputs));
        assertTrue(e.getMessage().contains(folder.toString()) && e.getMessage().contains("another run"),
                e::getMessage);
        assertTrue(e.getMessage().contains("seed: checkpoint " + config.seed() + ", requested 5")
                && e.getMessage().contains("starting weights (SHA-256): checkpoint abc, requested def")
                && e.getMessage().contains("image: checkpoint 4x8x8 uint8, requested 4x8x8 uint16"),
                e::getMessage);
        assertFalse(e.getMessage().contains("labels:"), "equal fields are not named: " + e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(folder.resolve(CheckpointFolder.RUN_FILE))),
                "a refused claim changes nothing");
    }

    @Test
    void checkpointsWithoutARunFileAreAnotherRun() throws Exception {
        SegmentationTrainingConfig config = SegmentationTrainingConfig.builder().checkpointFolder(dir).model(MODEL).build();
        writeState(dir.resolve(Checkpoint.BEST), TrainingState.initial(config.resumeFingerprint(), MODEL));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointFolder.claim(dir, config, MODEL, "image: x\n"));
        assertTrue(e.getMessage().contains(CheckpointFolder.RUN_FILE + ": missing"), e::getMessage);
    }

    @Test
    void aFileIsNotAUsableFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        IllegalArgumentException isFile = assertThrows(IllegalArgumentException.class,
                () -> CheckpointFolder.requireUsable(file));
        assertTrue(isFile.getMessage().contains(file.toString()), isFile::getMessage);
        IllegalArgumentException below = assertThrows(IllegalArgumentException.class,
                () -> CheckpointFolder.requireUsable(file.resolve("checkpoints")));
        assertTrue(below.getMessage().contains(file.resolve("checkpoints").toString())
                && below.getMessage().contains("is a file"), below::getMessage);
        CheckpointFolder.requireUsable(dir.resolve("new").resolve("folder"));
        assertFalse(Files.exists(dir.resolve("new")), "the check creates nothing");
    }
}
