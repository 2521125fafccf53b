/**
 * First-layer symmetrization: the strategies ({@code none}, {@code uniform}, {@code outer-average}) that spread a
 * pretrained RGB kernel over 2k+1 input channels, applied to an encoder's first convolution, with a report of the
 * symmetry error before and after.
 *
 * <p>May import {@code model}.
 */
package org.emsym.engine.symmetry;
