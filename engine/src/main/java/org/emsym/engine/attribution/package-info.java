/**
 * Attribution of a segmentation network's output to its 2k+1 input sections: saliency, gradient x input and
 * integrated gradients ({@link org.emsym.engine.attribution.GradientAttributor}) with their baselines, per-section
 * shares and asymmetry indices with bootstrap intervals ({@link org.emsym.engine.attribution.AttributionAudit}),
 * and the per-epoch record of training runs ({@link org.emsym.engine.attribution.AttributionTracker}: numbers only;
 * charts are drawn by the application's {@code report}).
 *
 * <p>May import {@code progress}, {@code train}, {@code util}, {@code window}.
 */
package org.emsym.engine.attribution;
