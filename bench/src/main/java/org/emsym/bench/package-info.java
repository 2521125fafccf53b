/**
 * The benchmark harness ({@code bench/run}) and the paper reproduction ({@code bench/reproduce}): prediction,
 * training-step, attribution-cost, CPU-engine (ONNX Runtime vs PyTorch), Spark scale and parity runs, each reported
 * as ratios measured in the same run. Not part of the product; it may use the application as well as the library.
 *
 * <p>May import {@code attribution}, {@code cli}, {@code interop}, {@code interop.onnx}, {@code model},
 * {@code model.encoder}, {@code model.io}, {@code model.resnet}, {@code predict}, {@code pretrained},
 * {@code progress}, {@code reproduce}, {@code org.emsym.spark}, {@code symmetry}, {@code synth}, {@code train}, {@code util},
 * {@code volume}, {@code volume.io}, {@code window}.
 */
package org.emsym.bench;
