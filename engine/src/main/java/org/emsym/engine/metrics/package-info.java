/**
 * Scores of a segmentation against ground truth: binary Dice/IoU/pixel error
 * ({@link org.emsym.engine.metrics.BinaryMetrics}), connected components, and the ISBI 2012 challenge's adapted
 * Rand error and variation of information over the contingency table of instances.
 *
 * <p>May import {@code volume}.
 */
package org.emsym.engine.metrics;
