/**
 * Synthetic EM stacks calibrated against real ISBI sections: warped 3-D Laguerre cells, membranes, mitochondria,
 * texture, blur, noise, per-section gain and misalignment ({@link org.emsym.engine.synth.SyntheticEmGenerator}),
 * and the image statistics used to calibrate them.
 *
 * <p>May import {@code util}, {@code volume}.
 */
package org.emsym.engine.synth;
