package org.emsym.engine.predict;

import java.util.Arrays;
import org.emsym.engine.volume.ForwardingVolume;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;

/**
 * The image as seen by one slab's or block's windows: sections {@code [first, first + sections.length)} already
 * read, transformed (and, for a block, cropped to the xy region its tiles cover, which {@code shape} says);
 * asking for any other section is a bug in the range computation. The held sections are returned themselves,
 * not copies: windows copy what they keep.
 */
final class HeldSections extends ForwardingVolume {
    private final VolumeShape shape;
    private final int first;
    private final float[][] sections;

    HeldSections(Volume image, VolumeShape shape, int first, float[][] sections) {
        super(image);
        this.shape = shape;
        this.first = first;
        this.sections = sections;
    }

    @Override
    public VolumeShape shape() {
        return shape;
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        Volume.checkSlab(shape, z0, z1);
        if (z0 < first || z1 > first + sections.length) {
            throw new IllegalStateException("sections [" + z0 + ", " + z1 + ") of " + source()
                    + " were not read ahead (held: [" + first + ", " + (first + sections.length) + "))");
        }
        return Arrays.copyOfRange(sections, z0 - first, z1 - first);
    }
}
