/**
 * The MobileNetV2 encoder (alpha 1.0, Keras naming, TF "same" padding) with its inverted residual blocks,
 * registered by {@link org.emsym.engine.model.encoder.MobileNetV2Provider}.
 *
 * <p>May import {@code model}.
 */
package org.emsym.engine.model.encoder;
