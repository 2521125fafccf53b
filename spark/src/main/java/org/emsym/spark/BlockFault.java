package org.emsym.spark;

import java.io.Serializable;

/**
 * Called by an executor before it computes a block; throwing fails that task attempt. The job passes
 * {@link #NONE}; tests inject faults here (a task that fails on its first attempt, a job killed part-way)
 * to check that Spark's retries and a rerun still produce the exact output.
 */
@FunctionalInterface
interface BlockFault extends Serializable {

    BlockFault NONE = (block, attempt) -> { };

    void beforeBlock(int block, int attempt) throws Exception;
}
