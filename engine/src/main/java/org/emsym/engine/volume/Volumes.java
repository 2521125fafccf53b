package org.emsym.engine.volume;

import java.util.Objects;

/** Small checks and helpers over {@link Volume}s. */
public final class Volumes {

    /** Sections per slab when streaming a volume: about 16 M voxels, at least one section. */
    private static final long SLAB_VOXELS = 1L << 24;

    private Volumes() {
    }

    /**
     * Checks that a label volume matches its image voxel for voxel.
     *
     * @throws IllegalArgumentException naming both sources and both shapes when they differ
     */
    public static void requireSameShape(Volume image, Volume labels) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(labels, "labels");
        if (!image.shape().equals(labels.shape())) {
            throw new IllegalArgumentException("labels " + labels.source() + " have shape " + labels.shape()
                    + " but image " + image.source() + " has shape " + image.shape());
        }
    }

    /** Number of sections per slab so that one slab holds about 16 M voxels (at least one section). */
    public static int slabDepth(VolumeShape shape) {
        long sections = Math.max(1, SLAB_VOXELS / shape.sectionSize());
        return (int) Math.min(shape.depth(), sections);
    }

    /** Visits every section in z order, reading slab by slab. */
    public static void forEachSection(Volume volume, SectionConsumer consumer) {
        VolumeShape shape = volume.shape();
        int step = slabDepth(shape);
        for (int z0 = 0; z0 < shape.depth(); z0 += step) {
            int z1 = Math.min(shape.depth(), z0 + step);
            float[][] slab = volume.readSlab(z0, z1);
            for (int i = 0; i < slab.length; i++) {
                consumer.accept(z0 + i, slab[i]);
            }
        }
    }

    /** Receives one section of a volume. */
    @FunctionalInterface
    public interface SectionConsumer {
        void accept(int z, float[] section);
    }
}
