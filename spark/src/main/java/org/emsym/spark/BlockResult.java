package org.emsym.spark;

import java.io.Serializable;

/**
 * What one Spark task reports back to the driver after computing a block.
 *
 * @param block the block's index in the plan
 * @param attempt Spark's attempt number of the task that succeeded (0 unless an earlier attempt failed)
 * @param executor the executor's id ({@code "driver"} in local mode)
 * @param device the DJL device the block ran on, e.g. {@code cpu()} or {@code gpu(1)}
 * @param seconds wall time of the block on the executor (reading, predicting, writing its chunks)
 * @param tiles tiles the model predicted for the block (its xy halo included)
 * @param modelSeconds time inside the model's forward passes
 */
public record BlockResult(int block, int attempt, String executor, String device, double seconds, long tiles,
                          double modelSeconds) implements Serializable {

    private static final long serialVersionUID = 1L;
}
