/**
 * Inference-only models imported from other frameworks (TensorFlow SavedModel, ONNX) behind the tiled predictor's
 * {@link org.emsym.engine.predict.TileModel}. Its own module because the TensorFlow natives and ONNX Runtime are
 * heavy.
 *
 * <p>May import {@code predict}.
 */
package org.emsym.engine.interop;
