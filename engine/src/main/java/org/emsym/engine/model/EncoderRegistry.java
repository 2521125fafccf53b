package org.emsym.engine.model;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encoders by architecture id, used to rebuild networks from saved metadata. The default registry holds what
 * every {@link EncoderProvider} on the class path offers (built in: ResNet-18/34/50 and MobileNetV2, alpha 1.0);
 * other backbones are added with a provider or with {@link #register} (a bundle naming an unregistered id fails to
 * load, naming the id).
 */
public final class EncoderRegistry {

    private static final EncoderRegistry DEFAULT = new EncoderRegistry();

    static {
        // the engine's own class loader: inside KNIME the engine jar sits on its bundle's class path
        for (EncoderProvider provider : ServiceLoader.load(EncoderProvider.class,
                EncoderProvider.class.getClassLoader())) {
            provider.encoders().forEach(DEFAULT::register);
        }
        if (DEFAULT.factories.isEmpty()) {
            throw new IllegalStateException("no encoder architectures found: META-INF/services/"
                    + EncoderProvider.class.getName() + " is missing from the engine's class path");
        }
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
