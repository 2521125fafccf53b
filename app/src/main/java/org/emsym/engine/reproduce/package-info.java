/**
 * The paper's reproduction on real ISBI-2012 sections or synthetic EM: a
 * {@link org.emsym.engine.reproduce.Reproduction} trains the pretrained MobileNetV2 U-Net per first-layer strategy,
 * scores and attributes it; {@link org.emsym.engine.reproduce.SeedSweep} repeats it over seeds and reports paired
 * differences with t and bootstrap intervals. Part of the application module.
 *
 * <p>May import {@code attribution}, {@code metrics}, {@code model}, {@code model.encoder}, {@code predict},
 * {@code pretrained}, {@code progress}, {@code report}, {@code symmetry}, {@code synth}, {@code train},
 * {@code util}, {@code volume}, {@code volume.io}, {@code window}.
 */
package org.emsym.engine.reproduce;
