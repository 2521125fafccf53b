package org.emsym.engine.window;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A 2.5D window: sections {@code centre-k .. centre+k} of one volume stacked as {@code 2k+1} channels in z
 * order, so channel 0 holds z-k, channel k the centre section and channel 2k holds z+k. Each channel is a
 * row-major {@code height x width} float array.
 *
 * <p>A window is immutable: the constructor and {@link #channels()} copy, and {@link #channel(int)} hands out
 * a read-only view. {@code equals} compares pixel values.
 *
 * @param centre the centre section's index in its volume
 * @param height rows per channel
 * @param width columns per channel
 * @param channels {@code 2k+1} arrays of {@code height*width} values, in z order
 */
public record Window(int centre, int height, int width, float[][] channels) {

    public Window {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("window size must be positive, got " + height + " x " + width);
        }
        Objects.requireNonNull(channels, "channels");
        if (channels.length % 2 != 1) {
            throw new IllegalArgumentException(
                    "a window needs an odd number (2k+1) of channels, got " + channels.length);
        }
        float[][] copy = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            if (channels[c] == null || channels[c].length != height * width) {
                throw new IllegalArgumentException("channel " + c + " must hold " + height + " x " + width + " = "
                        + height * width + " values, got " + (channels[c] == null ? "null" : channels[c].length));
            }
            copy[c] = channels[c].clone();
        }
        channels = copy;
    }

    /** A copy of all channels; changing it does not change this window. */
    @Override
    public float[][] channels() {
        float[][] copy = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            copy[c] = channels[c].clone();
        }
        return copy;
    }

    /** Number of channels, {@code 2k+1}. */
    public int channelCount() {
        return channels.length;
    }

    /** Context k: sections on each side of the centre. */
    public int context() {
        return channels.length / 2;
    }

    /** Read-only view of channel {@code c} (row-major, no copy). */
    public FloatBuffer channel(int c) {
        Objects.checkIndex(c, channels.length);
        return FloatBuffer.wrap(channels[c]).asReadOnlyBuffer();
    }

    /** The value of channel {@code c} at row {@code y}, column {@code x}. */
    public float value(int c, int y, int x) {
        Objects.checkIndex(y, height);
        Objects.checkIndex(x, width);
        return channels[c][y * width + x];
    }

    /**
     * The same window seen with z reversed: channel order flipped, so channel 0 holds z+k and channel 2k holds
     * z-k. Used by z-flip augmentation, symmetric test-time augmentation and symmetry checks.
     */
    public Window zFlip() {
        float[][] reversed = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            reversed[c] = channels[channels.length - 1 - c];
        }
        return new Window(centre, height, width, reversed);
    }

    /** The rectangle of {@code h x w} pixels whose top-left corner is at row {@code y}, column {@code x}. */
    public Window crop(int y, int x, int h, int w) {
        checkCrop(y, x, h, w, height, width);
        float[][] cropped = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            cropped[c] = cropSection(channels[c], width, y, x, h, w);
        }
        return new Window(centre, h, w, cropped);
    }

    /**
     * All channels as one flat array in (channel, row, column) order, ready for {@code NDManager.create(data,
     * new Shape(C, H, W))}.
     */
    public float[] toChw() {
        int plane = height * width;
        float[] chw = new float[channels.length * plane];
        for (int c = 0; c < channels.length; c++) {
            System.arraycopy(channels[c], 0, chw, c * plane, plane);
        }
        return chw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Window other && centre == other.centre && height == other.height
                && width == other.width && Arrays.deepEquals(channels, other.channels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * centre + height) + width) + Arrays.deepHashCode(channels);
    }

    @Override
    public String toString() {
        return "Window[centre=" + centre + ", " + channels.length + " x " + height + " x " + width + "]";
    }

    static void checkCrop(int y, int x, int h, int w, int height, int width) {
        if (h <= 0 || w <= 0 || y < 0 || x < 0 || y + h > height || x + w > width) {
            throw new IllegalArgumentException("crop (y=" + y + ", x=" + x + ", " + h + " x " + w
                    + ") is not inside the " + height + " x " + width + " section");
        }
    }

    static float[] cropSection(float[] section, int sectionWidth, int y, int x, int h, int w) {
        float[] out = new float[h * w];
        for (int row = 0; row < h; row++) {
            System.arraycopy(section, (y + row) * sectionWidth + x, out, row * w, w);
        }
        return out;
    }
}
