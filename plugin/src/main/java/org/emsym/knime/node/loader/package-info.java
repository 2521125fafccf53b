/**
 * The Pretrained Model Loader node: a U-Net whose encoder starts from a pretrained RGB weight file.
 *
 * <p>May import {@code knime.port}, {@code knime.util}, {@code model}, {@code pretrained}, {@code symmetry},
 * {@code train}.
 */
package org.emsym.knime.node.loader;
