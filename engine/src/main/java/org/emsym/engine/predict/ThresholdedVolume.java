package org.emsym.engine.predict;

import org.emsym.engine.volume.ForwardingVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;

/**
 * A binary UINT8 mask of a probability volume, computed lazily slab by slab: {@code foreground} where the
 * probability is at least {@code threshold}, 0 elsewhere (NaN, i.e. not predicted, is 0).
 */
public final class ThresholdedVolume extends ForwardingVolume {

    private final Volume probabilities;
    private final double threshold;
    private final int foreground;

    /**
     * @param threshold probability at or above which a voxel is foreground, in (0, 1)
     * @param foreground label value of foreground voxels, 1..255 (255 matches the ISBI cell labels)
     */
    public ThresholdedVolume(Volume probabilities, double threshold, int foreground) {
        super(probabilities);
        this.probabilities = probabilities;
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must lie in (0, 1), got " + threshold);
        }
        if (foreground < 1 || foreground > 255) {
            throw new IllegalArgumentException("foreground label must be 1..255 for a UINT8 mask, got " + foreground);
        }
        this.threshold = threshold;
        this.foreground = foreground;
    }

    public double threshold() {
        return threshold;
    }

    public int foreground() {
        return foreground;
    }

    @Override
    public PixelType pixelType() {
        return PixelType.UINT8;
    }

    @Override
    public String source() {
        return "mask (p >= " + threshold + ") of " + probabilities.source();
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        float[][] slab = probabilities.readSlab(z0, z1);
        float[][] mask = new float[slab.length][];
        for (int s = 0; s < slab.length; s++) {
            float[] p = slab[s];
            float[] m = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                m[i] = p[i] >= threshold ? foreground : 0; // NaN compares false
            }
            mask[s] = m;
        }
        return mask;
    }
}
