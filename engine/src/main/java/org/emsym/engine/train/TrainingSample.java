package org.emsym.engine.train;

import java.util.Objects;

/**
 * One training example: a 2.5D window crop and the binary target of its centre section.
 *
 * @param height rows of the crop
 * @param width columns of the crop
 * @param channels 2k+1 row-major sections, channel 0 = z-k, channel k = centre, channel 2k = z+k
 * @param target row-major 0/1 values of the centre section
 */
public record TrainingSample(int height, int width, float[][] channels, float[] target) {

    public TrainingSample {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(target, "target");
        int size = height * width;
        if (height <= 0 || width <= 0 || channels.length == 0 || target.length != size) {
            throw new IllegalArgumentException("sample of " + height + "x" + width
                    + " needs >= 1 channel and a target of " + size + " values, got " + channels.length + " channel(s) and " + target.length + " target values");
        }
        for (int c = 0; c < channels.length; c++) {
            if (channels[c].length != size) {
                throw new IllegalArgumentException("channel " + c + " holds " + channels[c].length
                        + " values, expected " + size + " for " + height + "x" + width);
            }
        }
    }

    public int channelCount() {
        return channels.length;
    }
}
