/**
 * Training of segmentation networks on 2.5D windows: the {@link org.emsym.engine.train.SegmentationTrainingConfig} (every
 * default in one place), data sampling and augmentation, losses, optimizer and schedules, the training loop with
 * validation, early stopping and checkpoints ({@link org.emsym.engine.train.Checkpoint}, owned per run by a
 * {@link org.emsym.engine.train.CheckpointFolder} that refuses another model's checkpoints).
 *
 * <p>May import {@code model}, {@code progress}, {@code util}, {@code volume}, {@code window}.
 */
package org.emsym.engine.train;
