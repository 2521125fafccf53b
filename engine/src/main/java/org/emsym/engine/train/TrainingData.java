package org.emsym.engine.train;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.BinaryLabels;
import org.emsym.engine.volume.FiniteVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.WindowSpec;

/**
 * An image stack, its binary label stack and the 2.5D window definition to train on.
 *
 * <p>Labels must have the image's shape and be binary: either only 0 and 1, or only 0 and 255 (8-bit masks
 * as image programs save them). By default a non-zero label is the positive class; with
 * {@link Builder#positiveIsZero(boolean)} label 0 is (for ISBI 2012, where 0 marks membrane).
 *
 * <p>Images go through a per-section transform before windowing; by default values are divided by the
 * pixel type's maximum (0..255 -> 0..1 for 8-bit); {@link Builder#normalization} fits a per-volume
 * {@link Normalizer} instead.
 * {@link #prepare()} checks the labels and holds the transformed image and 0/1 targets in memory.
 */
public final class TrainingData {

    private final Volume image;
    private final Volume labels;
    private final WindowSpec window;
    private final UnaryOperator<float[]> sectionTransform;
    private final boolean positiveIsZero;

    private TrainingData(Builder b) {
        image = b.image;
        labels = b.labels;
        window = b.window;
        sectionTransform = b.sectionTransform != null ? b.sectionTransform
                : Normalizer.fit(image, NormalizationSpec.typeMax()).sectionTransform();
        positiveIsZero = b.positiveIsZero;
    }

    public static Builder builder(Volume image, Volume labels, WindowSpec window) {
        return new Builder(image, labels, window);
    }

    public Volume image() {
        return image;
    }

    public Volume labels() {
        return labels;
    }

    public WindowSpec window() {
        return window;
    }

    public boolean positiveIsZero() {
        return positiveIsZero;
    }

    /**
     * Validates the labels and reads both stacks into memory.
     *
     * @throws IllegalArgumentException naming the label source, if its shape differs from the image's or a
     *     label value is not binary
     */
    public Prepared prepare() {
        if (!labels.shape().equals(image.shape())) {
            throw new IllegalArgumentException("labels " + labels.source() + " have shape " + labels.shape()
                    + " but the image " + image.source() + " has shape " + image.shape());
        }
        int depth = image.shape().depth();
        float[][] targets = labels.readSlab(0, depth);
        float positiveValue = checkBinary(targets, labels.source(), image.shape().width());
        for (float[] section : targets) {
            for (int i = 0; i < section.length; i++) {
                boolean nonZero = section[i] != 0;
                section[i] = nonZero != positiveIsZero ? 1f : 0f;
            }
        }
        float[][] sections = image.readSlab(0, depth);
        for (int z = 0; z < depth; z++) {
            float[] transformed = sectionTransform.apply(sections[z]);
            if (transformed == null || transformed.length != image.shape().sectionSize()) {
                throw new IllegalStateException("section transform returned a wrong-sized section " + z + " of "
                        + image.source());
            }
            sections[z] = transformed;
        }
        ArrayVolume normalized = new ArrayVolume(image.shape(), PixelType.FLOAT32, image.voxelSize(), sections,
                image.source());
        ArrayVolume targetVolume = new ArrayVolume(image.shape(), PixelType.UINT8, labels.voxelSize(), targets,
                labels.source() + (positiveValue == 255 ? " (0/255 -> 0/1)" : ""));
        return new Prepared(new StackWindower(normalized, window), targetVolume);
    }

    /** @return the non-zero value used (1 or 255; 1 if the labels hold only zeros) */
    private static float checkBinary(float[][] sections, String source, int width) {
        BinaryLabels check = new BinaryLabels("labels " + source, width);
        for (int z = 0; z < sections.length; z++) {
            check.check(z, sections[z]);
        }
        return check.positiveValue();
    }

    /**
     * The in-memory form training reads from.
     *
     * @param windower windows over the transformed image
     * @param targets 0/1 targets, 1 = positive class
     */
    public record Prepared(StackWindower windower, ArrayVolume targets) {
    }

    /** Builds {@link TrainingData}. */
    public static final class Builder {
        private final Volume image;
        private final Volume labels;
        private final WindowSpec window;
        private UnaryOperator<float[]> sectionTransform;
        private boolean positiveIsZero;

        private Builder(Volume image, Volume labels, WindowSpec window) {
            // NaN or infinite values fail the read of their section, naming source, section and count
            this.image = FiniteVolume.of(Objects.requireNonNull(image, "image"));
            this.labels = FiniteVolume.of(Objects.requireNonNull(labels, "labels"));
            this.window = Objects.requireNonNull(window, "window");
        }

        /** Applied to every image section after reading (e.g. a volume normalizer); may modify its argument. */
        public Builder sectionTransform(UnaryOperator<float[]> transform) {
            sectionTransform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        /** Normalizes image sections with statistics fitted once on the whole image volume. */
        public Builder normalization(NormalizationSpec spec) {
            sectionTransform = Normalizer.fit(image, spec).sectionTransform();
            return this;
        }

        /** Whether label 0 is the positive class (ISBI 2012 membranes); default: non-zero is positive. */
        public Builder positiveIsZero(boolean value) {
            positiveIsZero = value;
            return this;
        }

        public TrainingData build() {
            return new TrainingData(this);
        }
    }
}
