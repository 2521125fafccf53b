package org.emsym.engine.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.emsym.engine.model.encoder.MobileNetV2Encoder;
import org.emsym.engine.model.resnet.ResNetEncoder;

/**
 * Encoders by architecture id, used to rebuild networks from saved metadata. ResNet-18/34/50 and MobileNetV2
 * (alpha 1.0) are built in; other backbones are added with {@link #register}, the extension point for new
 * encoders (a bundle naming an unregistered id fails to load, naming the id).
 */
public final class EncoderRegistry {

    private static final EncoderRegistry DEFAULT = new EncoderRegistry();

    static {
        for (ResNetEncoder.Depth d : ResNetEncoder.Depth.values()) {
            DEFAULT.register(d.id(), in -> new ResNetEncoder(d, in));
        }
        DEFAULT.register(MobileNetV2Encoder.ARCHITECTURE, MobileNetV2Encoder::new);
    }

    private final Map<String, EncoderFactory> factories = new ConcurrentHashMap<>();

    /** The process-wide registry holding the built-in encoders. */
    public static EncoderRegistry defaultRegistry() {
        return DEFAULT;
    }

    /** Adds or replaces the factory for {@code id}. */
    public void register(String id, EncoderFactory factory) {
        factories.put(id, factory);
    }

    public Set<String> ids() {
        return new TreeSet<>(factories.keySet());
    }

    /**
     * A new encoder of architecture {@code id} for {@code inChannels} input channels.
     *
     * @throws IllegalArgumentException naming the unknown id and the known ones
     */
    public Encoder create(String id, int inChannels) {
        EncoderFactory f = factories.get(id);
        if (f == null) {
            throw new IllegalArgumentException("unknown encoder architecture '" + id + "'; known: " + ids());
        }
        return f.create(inChannels);
    }
}
