/**
 * The Segmentation Predictor node: tiled prediction of a model over an image Volume (probabilities, binary masks or
 * instances), with optional scores against labels.
 *
 * <p>May import {@code interop.bioimageio}, {@code knime.port}, {@code knime.util}, {@code metrics}, {@code model}, {@code predict},
 * {@code progress}, {@code volume}, {@code volume.io}, {@code window}.
 */
package org.emsym.knime.node.predictor;
