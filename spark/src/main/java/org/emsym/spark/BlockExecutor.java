package org.emsym.spark;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.BlockwisePredictor;
import org.emsym.engine.predict.PredictionCounters;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.ZarrArray;

/**
 * The executor side of a job: computes one block into the output and reports it. Runs inside a Spark task;
 * a task Spark kills (job canceled, speculative copy no longer needed) stops at the next tile batch.
 */
final class BlockExecutor {

    private BlockExecutor() {
    }

    static BlockResult run(BlockJob job, BlockTask task, BlockFault fault) throws Exception {
        TaskContext ctx = TaskContext.get();
        int attempt = ctx == null ? 0 : ctx.attemptNumber();
        fault.beforeBlock(task.index(), attempt);
        ExecutorModels.configureThreads(ctx == null ? 1 : ctx.cpus());
        Device device = TaskDevices.of(ctx, Engine.getInstance().getGpuCount());
        ExecutorModels.Loaded model = ExecutorModels.get(job.modelPath(), job.modelSha256(), device);
        Volume image = VolumeReaders.open(job.inputPath(), job.level());
        ZarrArray output = ZarrArray.open(job.outputPath());
        long t0 = System.nanoTime();
        try (BlockTileModel tileModel = model.newTileModel()) {
            BlockwisePredictor blockwise = job.blockwise(tileModel, () -> ctx != null && ctx.isInterrupted());
            try {
                blockwise.predictBlock(image, output, task.block());
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot predict " + task.block() + " of " + job.input() + " into "
                        + job.output() + ": " + e.getMessage(), e);
            }
            PredictionCounters counters = blockwise.predictor().counters();
            String executor = SparkEnv.get() == null ? "none" : SparkEnv.get().executorId();
            return new BlockResult(task.index(), attempt, executor, device.toString(), (System.nanoTime() - t0) / 1e9,
                    counters.tiles(), counters.modelSeconds());
        }
    }
}
