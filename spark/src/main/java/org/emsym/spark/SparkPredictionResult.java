package org.emsym.spark;

import java.util.List;
import java.util.Locale;

/**
 * What a Spark prediction job did.
 *
 * @param output the Zarr array written
 * @param planned blocks in the plan (the whole output)
 * @param alreadyDone blocks whose chunks all existed before the job (a rerun skips them)
 * @param computed one result per block computed by this job, in plan order
 * @param seconds wall time of the Spark job (scheduling, model loading on the executors, the blocks)
 */
public record SparkPredictionResult(String output, int planned, int alreadyDone, List<BlockResult> computed,
                                    double seconds) {

    public SparkPredictionResult {
        computed = List.copyOf(computed);
    }

    /** Blocks whose successful attempt was not the first (Spark retried them). */
    public long retried() {
        return computed.stream().filter(r -> r.attempt() > 0).count();
    }

    /** Sum of the blocks' own wall times, as measured on the executors. */
    public double blockSeconds() {
        return computed.stream().mapToDouble(BlockResult::seconds).sum();
    }

    public String toText() {
        long executors = computed.stream().map(BlockResult::executor).distinct().count();
        long tiles = computed.stream().mapToLong(BlockResult::tiles).sum();
        return String.format(Locale.ROOT, "%s: %d blocks planned, %d already done, %d computed (%d retried) on %d "
                + "executor(s), %d tiles; job %.1f s, blocks %.1f s in total", output, planned, alreadyDone,
                computed.size(), retried(), executors, tiles, seconds, blockSeconds());
    }
}
