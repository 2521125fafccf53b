package org.emsym.engine.model.resnet;

import java.util.LinkedHashMap;
import java.util.Map;
import org.emsym.engine.model.EncoderFactory;
import org.emsym.engine.model.EncoderProvider;

/** Registers {@link ResNetEncoder} at every {@link ResNetEncoder.Depth} under its id ({@code resnet18} ...). */
public final class ResNetProvider implements EncoderProvider {

    @Override
    public Map<String, EncoderFactory> encoders() {
        Map<String, EncoderFactory> encoders = new LinkedHashMap<>();
        for (ResNetEncoder.Depth d : ResNetEncoder.Depth.values()) {
            encoders.put(d.id(), in -> new ResNetEncoder(d, in));
        }
        return encoders;
    }
}
