package org.emsym.engine.volume;

/**
 * A view of the sections {@code [start, end)} of another volume, renumbered from 0 (nothing is copied): e.g. the
 * training part of a stack whose last sections are held out for evaluation.
 */
public final class SectionRange extends ForwardingVolume {

    private final int start;
    private final VolumeShape shape;

    private SectionRange(Volume delegate, int start, int end) {
        super(delegate);
        this.start = start;
        VolumeShape all = delegate.shape();
        this.shape = new VolumeShape(end - start, all.height(), all.width());
    }

    /**
     * The sections {@code [start, end)} of {@code volume}.
     *
     * @throws IllegalArgumentException if the range is empty or leaves the volume's sections
     */
    public static Volume of(Volume volume, int start, int end) {
        int depth = volume.shape().depth();
        if (start < 0 || end > depth || start >= end) {
            throw new IllegalArgumentException("sections [" + start + ", " + end + ") do not lie in the " + depth
                    + " sections of " + volume.source());
        }
        return start == 0 && end == depth ? volume : new SectionRange(volume, start, end);
    }

    @Override
    public VolumeShape shape() {
        return shape;
    }

    @Override
    public String source() {
        return super.source() + " sections " + start + "-" + (start + shape.depth() - 1);
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        Volume.checkSlab(shape, z0, z1);
        return super.readSlab(start + z0, start + z1);
    }
}
