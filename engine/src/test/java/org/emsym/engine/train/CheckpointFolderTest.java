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
}
