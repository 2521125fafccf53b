/**
 * Block-wise prediction on Apache Spark ({@code emsym-spark predict}). The driver ({@link
 * org.emsym.spark.SparkBlockPredictor}) reads the model bundle's metadata, fits the input normalization once
 * over the whole volume, writes the output array's metadata once and plans the blocks with
 * {@link org.emsym.engine.predict.BlockwisePredictor#plan(org.emsym.engine.volume.io.ZarrArray, int, int, int)};
 * one Spark task per block not yet done. Executors ({@link org.emsym.spark.BlockExecutor}) load the model once
 * per JVM ({@link org.emsym.spark.ExecutorModels}), on the GPU Spark assigned to the task or on the CPU
 * ({@link org.emsym.spark.TaskDevices}), and run {@link org.emsym.engine.predict.BlockwisePredictor#predictBlock},
 * which writes only the block's own chunks, each atomically; so a retried or speculative task rewrites the same
 * values and a rerun of a killed job computes only the blocks whose chunks are missing.
 *
 * <p>Depends on the engine and on Spark (provided by the cluster); nothing in the engine or the KNIME plugin
 * depends on this package. Input and output are paths every executor can read and write (a shared file
 * system).
 *
 * <p>May import {@code model}, {@code predict}, {@code progress}, {@code volume}, {@code volume.io}, {@code window};
 * only {@code bench} imports this package.
 */
package org.emsym.spark;
