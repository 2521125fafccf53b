/**
 * Assembly of pretrained, symmetrized networks: reads a pretrained RGB weight file, builds the U-Net over its
 * encoder with seeded decoder initialization, loads the weights and adapts the first convolution with a
 * {@link org.emsym.engine.symmetry.SymmetrizationStrategy}. The one path every entry point takes (CLI,
 * pipeline, reproduction, KNIME Pretrained Model Loader, bench), so the same seed gives the same initial
 * weights everywhere.
 *
 * <p>May import {@code model}, {@code model.io}, {@code symmetry}, {@code util}.
 */
package org.emsym.engine.pretrained;
