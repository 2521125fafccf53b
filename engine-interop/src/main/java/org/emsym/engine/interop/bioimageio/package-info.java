/**
 * bioimage.io model packages (format 0.5.x), out and in (issue 15).
 *
 * <p>In: {@link org.emsym.engine.interop.bioimageio.ModelPackage} opens a package folder, zip or description and
 * loads its ONNX (ONNX Runtime) or TorchScript (DJL PyTorch) weights as a
 * {@link org.emsym.engine.interop.bioimageio.PackageModel}, a {@code TileModel} for the tiled predictor with the
 * declared {@link org.emsym.engine.interop.bioimageio.Preprocessing} (fitted over the whole volume),
 * {@link org.emsym.engine.interop.bioimageio.Postprocessing} (per tile), tile sizes and halo; a package EMSym
 * exported also gives back the EMSym model bundle it carries
 * ({@link org.emsym.engine.interop.bioimageio.ModelPackage#emsymBundle()}), checksums verified.
 *
 * <p>Out: {@link org.emsym.engine.interop.bioimageio.PackageExporter} writes an EMSym model bundle as a package:
 * ONNX weights, axes, the bundle's input normalization as spec operations, test tensors computed by the bundle's
 * network, a cover image, documentation, and the bundle itself in {@code emsym/}, listed under {@code attachments}.
 *
 * <p>May import {@code attribution}, {@code interop}, {@code interop.onnx}, {@code model}, {@code model.io},
 * {@code predict}, {@code util}, {@code volume}, {@code window}.
 */
package org.emsym.engine.interop.bioimageio;
