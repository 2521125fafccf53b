/**
 * The Weight Symmetrizer node: applies a first-layer symmetrization strategy to a model's first convolution.
 *
 * <p>May import {@code knime.port}, {@code knime.util}, {@code model}, {@code symmetry}.
 */
package org.emsym.knime.node.symmetrizer;
