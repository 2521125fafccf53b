package net.imagej;

/** Stand-in for imagej-common's {@code net.imagej.ImageMetadata}; declares none of its members (bits, channels, colour tables). */
public interface ImageMetadata {
}
