package org.emsym.spark;

import static org.emsym.engine.testing.Differences.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.BlockwisePredictor;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.predict.VolumeBlock;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.ZarrArray;
import org.emsym.engine.volume.io.ZarrFormat;
import org.emsym.engine.window.WindowSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job on {@code local[2]} over an 8 x 64 x 64 volume in 16 blocks (chunks 2 x 16 x 16, blocks of
 * 1 x 2 x 2 chunks; tiles 32 overlapping by 8, so tiles straddle blocks): equal to the one-JVM predictors,
 * exact after a retried task, and a rerun of a killed job computes only the remainder.
 */
class SparkBlockPredictorTest {

    private static final VolumeShape SHAPE = new VolumeShape(8, 64, 64);
    private static final int[] CHUNKS = {2, 16, 16};
    private static final int BLOCKS = 4 * 2 * 2;

    @TempDir
    static Path dir;
    private static Path bundle;
    private static Path input;
    /** The whole-volume one-JVM prediction. */
    private static float[][] expected;

    @BeforeAll
    static void predictInOneJvm() throws IOException {
        bundle = SparkFixtures.bundle(dir);
        input = dir.resolve("raw.ome.zarr");
        Volume image = SparkFixtures.zarrInput(input, SHAPE, new int[] {2, 32, 32}, 7);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ModelBundle b = ModelBundle.load(bundle, manager);
            try (BlockTileModel model = BlockTileModel.builder(b.network()).manager(manager).classes(1).build()) {
                TiledVolumePredictor predictor = TiledVolumePredictor.builder(model, WindowSpec.of(1))
                        .tileSize(32, 32).overlap(8).batchSize(4)
                        .normalizer(Normalizer.fit(image, b.metadata().inputNormalization())).build();
                expected = predictor.probabilities(image).readSlab(0, SHAPE.depth());
                // the engine's block-wise predictor in this JVM: the reference the Spark job must also equal
                Path one = dir.resolve("one-jvm.zarr");
                ZarrArray out = BlockwisePredictor.openOrCreateOutput(one, SHAPE, CHUNKS, ZarrArray.Codec.ZLIB);
                assertEquals(BLOCKS, new BlockwisePredictor(predictor, 1, 2, 2).predictMissing(image, out));
                assertTrue(maxAbsDiff(expected, read(one)) <= 1e-5, "block-wise in one JVM");
            }
        }
    }

    @Test
    void theCommandOnLocal2EqualsTheOneJvmPredictionAndLoadsTheModelOncePerJvm() throws IOException {
        Path out = dir.resolve("cli.zarr");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = new EmsymSpark(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8)).execute("predict", "--master", "local[2]",
                "--model", bundle.toString(), "--input", input.toString(), "--output", out.toString(),
                "--chunks", "2x16x16", "--block", "1x2x2", "--tile", "32", "--overlap", "8", "--batch", "4");
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err);
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains(BLOCKS + " blocks planned, 0 already done, "
                + BLOCKS + " computed"), stdout.toString(StandardCharsets.UTF_8));
        assertTrue(err.contains(BLOCKS + "/" + BLOCKS + " blocks"), "progress per block: " + err);
        double diff = maxAbsDiff(expected, read(out));
        System.out.println("Spark local[2] vs whole-volume prediction: max abs diff " + diff);
        assertTrue(diff <= 1e-5, "max abs diff " + diff);
        assertEquals(1, ExecutorModels.loads(), "one model load for all tasks of this executor JVM");
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheOutputIsStillExact() throws IOException {
        Path out = dir.resolve("retried.zarr"); // Zarr v3 with zstd here; the other tests write v2 with zlib
        ZarrArray output = BlockwisePredictor.openOrCreateOutput(out, SHAPE, CHUNKS, ZarrArray.Codec.ZSTD,
                ZarrFormat.V3);
        VolumeBlock victim = BlockwisePredictor.plan(output, 1, 2, 2).get(5);
        // the victim as a failed attempt leaves it: one chunk written (with wrong values), the others missing
        float[] garbage = new float[output.chunkVoxels()];
        Arrays.fill(garbage, 7f);
        output.writeChunk(victim.cz0(), victim.cy0(), victim.cx0(), garbage);
        SparkPredictionResult result;
        try (JavaSparkContext spark = SparkFixtures.spark("local[2,2]")) {
            result = settings(out).optCodec(ZarrArray.Codec.ZSTD).optFormat(ZarrFormat.V3).build().predict(spark,
                    (block, attempt) -> {
                        if (block == 5 && attempt == 0) {
                            throw new IllegalStateException("injected fault in block 5, attempt 0");
                        }
                    });
        }
        assertTrue(java.nio.file.Files.isRegularFile(out.resolve("zarr.json")), "a Zarr v3 array");
        assertEquals(BLOCKS, result.computed().size(), result.toText());
        assertEquals(1, result.retried(), result.toText());
        assertEquals(1, result.computed().get(5).attempt(), "block 5 succeeded on its second attempt");
        double diff = maxAbsDiff(expected, read(out));
        assertTrue(diff <= 1e-5, "max abs diff after a retry " + diff);
    }

    @Test
    void aRerunOfAKilledJobComputesOnlyTheBlocksThatAreNotDone() throws IOException {
        Path out = dir.resolve("killed.zarr");
        // the first job dies at block 10 (local[2]: one attempt per task, so the first failure aborts the job)
        try (JavaSparkContext spark = SparkFixtures.spark("local[2]")) {
            SparkException e = assertThrows(SparkException.class, () -> predictor(out).predict(spark,
                    (block, attempt) -> {
                        if (block >= 10) {
                            throw new IllegalStateException("injected kill at block " + block);
                        }
                    }));
            assertTrue(String.valueOf(e.getMessage()).contains("injected kill"), e.getMessage());
        }
        ZarrArray output = ZarrArray.open(out);
        Set<Integer> doneAfterKill = new HashSet<>();
        List<VolumeBlock> plan = BlockwisePredictor.plan(output, 1, 2, 2);
        for (VolumeBlock b : plan) {
            if (BlockwisePredictor.isDone(output, b)) {
                doneAfterKill.add(b.index());
            }
        }
        assertFalse(doneAfterKill.isEmpty(), "blocks before the kill were written");
        assertTrue(doneAfterKill.stream().allMatch(i -> i < 10), "no block at or after the kill is done");

        SparkPredictionResult rerun;
        try (JavaSparkContext spark = SparkFixtures.spark("local[2]")) {
            rerun = predictor(out).predict(spark);
        }
        System.out.println("rerun after a kill: " + rerun.toText());
        assertEquals(BLOCKS, rerun.planned());
        assertEquals(BLOCKS, rerun.alreadyDone() + rerun.computed().size(), rerun.toText());
        assertTrue(rerun.alreadyDone() >= doneAfterKill.size(), rerun.toText());
        for (BlockResult r : rerun.computed()) {
            assertFalse(doneAfterKill.contains(r.block()), "block " + r.block() + " was done and is computed again");
        }
        assertTrue(rerun.computed().size() >= BLOCKS - 10, "blocks 10-15 are computed by the rerun");
        double diff = maxAbsDiff(expected, read(out));
        assertTrue(diff <= 1e-5, "max abs diff after kill and rerun " + diff);

        try (JavaSparkContext spark = SparkFixtures.spark("local[1]")) {
            SparkPredictionResult again = predictor(out).predict(spark);
            assertEquals(BLOCKS, again.alreadyDone(), "a complete output has nothing left to do");
            assertTrue(again.computed().isEmpty());
        }
    }

    @Test
    void badInputFailsOnTheDriverWithExitCode2NamingThePath() {
        Path missing = dir.resolve("no-such.zarr");
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = new EmsymSpark(new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true,
                StandardCharsets.UTF_8)).execute("predict", "--master", "local[1]", "--model", bundle.toString(),
                "--input", missing.toString(), "--output", dir.resolve("never.zarr").toString());
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, err);
        assertTrue(err.contains(missing.toString()), err);

        stderr.reset();
        code = new EmsymSpark(new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true,
                StandardCharsets.UTF_8)).execute("predict", "--model", bundle.toString(), "--input", input.toString(),
                "--output", dir.resolve("never.zarr").toString(), "--block", "1x2");
        assertEquals(2, code);
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("--block"), stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void settingsAndPathsThatCannotWorkFailOnTheDriverBeforeAnyTask() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkBlockPredictor
                .builder(bundle, input, dir.resolve("o.zarr")).optTile(32).optOverlap(32).build().validate());
        assertTrue(e.getMessage().contains("overlap 32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkBlockPredictor
                .builder(bundle, input, input.resolve("prob.zarr")).build().validate());
        assertTrue(e.getMessage().contains(input.toString()), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkBlockPredictor
                .builder(bundle, input, dir.resolve("o.zarr")).optOutputClass(1).build().validate());
        assertTrue(e.getMessage().contains("output class 1") && e.getMessage().contains("1 class"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparkBlockPredictor.builder(bundle, input, dir)
                .optBlockChunks(1, -1, 0));
        assertFalse(java.nio.file.Files.exists(dir.resolve("o.zarr")), "nothing written by a failed validation");
    }

    private static SparkBlockPredictor predictor(Path out) {
        return settings(out).build();
    }

    private static SparkBlockPredictor.Builder settings(Path out) {
        return SparkBlockPredictor.builder(bundle, input, out).optChunks(CHUNKS[0], CHUNKS[1], CHUNKS[2])
                .optBlockChunks(1, 2, 2).optTile(32).optOverlap(8).optBatchSize(4);
    }

    private static float[][] read(Path zarr) throws IOException {
        Volume v = VolumeReaders.openAsStored(zarr, null);
        assertEquals(SHAPE, v.shape());
        return v.readSlab(0, SHAPE.depth());
    }
}
