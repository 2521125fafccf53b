/**
 * The Segmentation Scorer node: Dice, IoU, pixel error and the ISBI measures of a prediction against ground truth.
 *
 * <p>May import {@code knime.port}, {@code knime.util}, {@code metrics}, {@code volume}.
 */
package org.emsym.knime.node.scorer;
