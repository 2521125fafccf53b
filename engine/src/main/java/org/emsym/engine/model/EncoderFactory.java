package org.emsym.engine.model;

/** Creates a fresh, uninitialized {@link Encoder} for a given number of input channels (2k+1). */
@FunctionalInterface
public interface EncoderFactory {
    Encoder create(int inChannels);
}
