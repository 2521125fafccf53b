package org.emsym.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emsym.engine.volume.BinaryLabels;
import org.emsym.engine.volume.NormalizationMethod;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;

/**
 * Training data that trains without an error but probably not as meant: labels that are all background or all
 * foreground, labels whose positive class covers most pixels (ISBI-style labels, 0 = membrane, read the wrong
 * way round), and integer images that use a small part of their type's range (12-bit data in uint16 divided by
 * 65535). One home for these checks, for the CLI's {@code train}, the pipeline and the KNIME Learner; each caller
 * adds how its user changes the setting at fault ({@link Kind} says which).
 */
public final class TrainingWarnings {

    /** Positive-class fraction above which labels look inverted. */
    public static final double INVERTED_FRACTION = 0.5;

    /** Fraction of an integer type's maximum below which an image's largest value is reported. */
    public static final double SMALL_RANGE_FRACTION = 1.0 / 8;

    /** What a warning is about. */
    public enum Kind {
        /** No pixel of the positive class. */
        NO_FOREGROUND,
        /** Every pixel of the positive class. */
        NO_BACKGROUND,
        /** The positive class covers more than {@link #INVERTED_FRACTION} of the pixels. */
        MOSTLY_FOREGROUND,
        /** The image's largest value is below {@link #SMALL_RANGE_FRACTION} of its integer type's maximum. */
        SMALL_VALUE_RANGE
    }

    /**
     * One warning.
     *
     * @param kind what it is about
     * @param message what was found, naming the file, without a caller's option names
     */
    public record Warning(Kind kind, String message) {
    }

    private TrainingWarnings() {
    }

    /** The warnings for {@code data} whose image is normalized with {@code normalization}, reading both stacks. */
    public static List<Warning> of(TrainingData data, NormalizationSpec normalization) {
        return of(data.image(), data.labels(), data.positiveIsZero(), normalization);
    }

    /**
     * The warnings for an image and its binary labels, reading both stacks section by section.
     *
     * @throws IllegalArgumentException as training does ({@link BinaryLabels}), when the labels are not binary
     *
     * @param positiveIsZero whether label 0 is the positive class
     * @param normalization the image's normalization (the value range is checked for {@code TYPE_MAX} only)
     */
    public static List<Warning> of(Volume image, Volume labels, boolean positiveIsZero,
            NormalizationSpec normalization) {
        List<Warning> out = new ArrayList<>();
        labelWarning(labels, positiveIsZero, out);
        rangeWarning(image, normalization, out);
        return out;
    }

    private static void labelWarning(Volume labels, boolean positiveIsZero, List<Warning> out) {
        long positive = 0;
        long total = 0;
        // the same check and message as training: labels that are not binary are refused, not warned about
        BinaryLabels binary = new BinaryLabels("labels " + labels.source(), labels.shape().width());
        for (int z = 0; z < labels.shape().depth(); z++) {
            float[] section = labels.readSection(z);
            binary.check(z, section);
            for (float v : section) {
                if ((v != 0) != positiveIsZero) {
                    positive++;
                }
            }
            total += labels.shape().sectionSize();
        }
        if (total == 0) {
            return;
        }
        String positiveClass = positiveIsZero ? "label 0" : "non-zero labels";
        String what = "labels " + labels.source();
        if (positive == 0) {
            out.add(new Warning(Kind.NO_FOREGROUND, what + " hold no pixel of the positive class (" + positiveClass
                    + "): the network can only learn to predict background everywhere"));
        } else if (positive == total) {
            out.add(new Warning(Kind.NO_BACKGROUND, what + ": every pixel is of the positive class ("
                    + positiveClass + "): the network can only learn to predict foreground everywhere"));
        } else if (positive > INVERTED_FRACTION * total) {
            out.add(new Warning(Kind.MOSTLY_FOREGROUND, what + ": the positive class (" + positiveClass
                    + ") covers " + String.format(Locale.ROOT, "%.1f", 100.0 * positive / total)
                    + " % of the pixels; membranes cover far less, so the labels look inverted (ISBI-style labels"
                    + " mark membrane with 0)"));
        }
    }

    private static void rangeWarning(Volume image, NormalizationSpec normalization, List<Warning> out) {
        PixelType type = image.pixelType();
        if (type == PixelType.FLOAT32 || normalization.method() != NormalizationMethod.TYPE_MAX) {
            return;
        }
        float max = 0;
        for (int z = 0; z < image.shape().depth(); z++) {
            for (float v : image.readSection(z)) {
                max = Math.max(max, v);
            }
        }
        if (max > 0 && max < SMALL_RANGE_FRACTION * type.maxValue()) {
            out.add(new Warning(Kind.SMALL_VALUE_RANGE, "image " + image.source() + ": its largest value "
                    + (long) max + " uses " + String.format(Locale.ROOT, "%.1f", 100 * max / type.maxValue())
                    + " % of the " + type.name().toLowerCase(Locale.ROOT) + " range (e.g. " + bits(max)
                    + "-bit data), so divided by " + (long) type.maxValue() + " the network sees inputs of at most "
                    + String.format(Locale.ROOT, "%.3f", max / type.maxValue())
                    + "; a percentile normalization maps the data onto 0..1"));
        }
    }

    /** Bits needed for {@code max}. */
    private static int bits(float max) {
        return 64 - Long.numberOfLeadingZeros((long) max);
    }
}
