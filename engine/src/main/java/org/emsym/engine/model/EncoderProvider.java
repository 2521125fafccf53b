package org.emsym.engine.model;

import java.util.Map;

/**
 * A family of encoder architectures, found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.emsym.engine.model.EncoderProvider}: the built-in ones live in
 * {@code model.encoder} (MobileNetV2) and {@code model.resnet} (ResNet-18/34/50), which depend on this package,
 * so this package never imports them back. {@link EncoderRegistry#defaultRegistry()} holds what every provider
 * on the class path offers.
 */
public interface EncoderProvider {

    /** The architectures this provider builds, by id (e.g. {@code "resnet18"}). */
    Map<String, EncoderFactory> encoders();
}
