/**
 * The Segmentation Learner node: trains a segmentation model on image and label Volumes with the engine's training
 * defaults, checkpoints and resume.
 *
 * <p>May import {@code attribution}, {@code knime.port}, {@code knime.util}, {@code model}, {@code train},
 * {@code volume}, {@code window}.
 */
package org.emsym.knime.node.learner;
