package org.emsym.engine.train;

import ai.djl.nn.Block;

/**
 * Called after each finished epoch (after validation and checkpointing), e.g. to log attribution shares on a
 * fixed validation set. The model holds that epoch's weights; the listener must not change them, and must
 * close any NDArrays it makes.
 */
@FunctionalInterface
public interface EpochListener {

    /**
     * @param model the model being trained
     * @param epoch 0-based index of the epoch just finished
     * @param record that epoch's figures
     */
    void epochFinished(Block model, int epoch, EpochRecord record);
}
