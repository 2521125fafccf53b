package org.emsym.engine.model.encoder;

import java.util.Map;
import org.emsym.engine.model.EncoderFactory;
import org.emsym.engine.model.EncoderProvider;

/** Registers {@link MobileNetV2Encoder} (alpha 1.0, Keras naming) as {@value MobileNetV2Encoder#ARCHITECTURE}. */
public final class MobileNetV2Provider implements EncoderProvider {

    @Override
    public Map<String, EncoderFactory> encoders() {
        return Map.of(MobileNetV2Encoder.ARCHITECTURE, MobileNetV2Encoder::new);
    }
}
