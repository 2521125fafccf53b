/**
 * The Pretrained Model Loader node: a U-Net whose encoder starts from a pretrained RGB weight file.
 *
 * <p>May import {@code knime.port}, {@code knime.util}, {@code model}, {@code model.encoder}, {@code model.io},
 * {@code model.resnet}, {@code symmetry}.
 */
package org.emsym.knime.node.loader;
