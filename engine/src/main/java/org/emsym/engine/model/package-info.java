/**
 * Networks and their persistence: the {@link org.emsym.engine.model.UNet} over an
 * {@link org.emsym.engine.model.Encoder} (built by id from the {@link org.emsym.engine.model.EncoderRegistry},
 * which {@link org.emsym.engine.model.EncoderProvider}s fill through {@code ServiceLoader}), named tensors and
 * pretrained weights, TorchScript models, and the {@link org.emsym.engine.model.ModelBundle} ({@code model.json}
 * metadata + parameters, written atomically and checked on load). The encoder implementations
 * ({@code model.encoder}, {@code model.resnet}) and the weight readers ({@code model.io}) depend on this package,
 * never the other way round.
 *
 * <p>May import {@code util}, {@code volume}.
 */
package org.emsym.engine.model;
