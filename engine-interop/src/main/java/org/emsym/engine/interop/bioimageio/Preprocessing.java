package org.emsym.engine.interop.bioimageio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.emsym.engine.volume.ForwardingVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;

/**
 * The input tensor's declared preprocessing, turned into the per-section transform of
 * {@link org.emsym.engine.predict.TiledVolumePredictor}: {@link #fit(Volume)} computes every statistic once over
 * the whole volume, in the order the steps are declared (each on the output of the steps before it), so every tile
 * and section is mapped the same way and tiles agree at their seams. For a volume of one section (a test tensor
 * of one sample) the statistics are exactly the spec's per-sample ones.
 *
 * <ul>
 *   <li>{@code ensure_dtype} (float32/float64): nothing, EMSym computes in float32;</li>
 *   <li>{@code scale_linear}: {@code v * gain + offset};</li>
 *   <li>{@code zero_mean_unit_variance}: {@code (v - mean) / (std + eps)}, population std;</li>
 *   <li>{@code fixed_zero_mean_unit_variance}: the same with the declared mean and std;</li>
 *   <li>{@code scale_range}: {@code (v - p_low) / (p_high - p_low + eps)}, nearest-rank percentiles
 *       ({@link Normalizer}; numpy interpolates between ranks, which differs by at most one grey level);</li>
 *   <li>{@code clip} with fixed bounds, {@code sigmoid}, {@code binarize}.</li>
 * </ul>
 */
public final class Preprocessing {

    /** One fitted element-wise map. */
    @FunctionalInterface
    private interface Pointwise {
        float apply(float v);
    }

    private final List<ProcessingStep> steps;

    /**
     * @throws IOException naming the field of the first step EMSym cannot apply
     */
    Preprocessing(List<ProcessingStep> steps) throws IOException {
        this.steps = List.copyOf(steps);
        for (ProcessingStep s : this.steps) {
            check(s);
        }
    }

    public List<ProcessingStep> steps() {
        return steps;
    }

    private static void check(ProcessingStep s) throws IOException {
        switch (s.id()) {
            case "ensure_dtype" -> s.requireFloatDtype();
            case "scale_linear" -> {
                s.requireAbsent("axis", "one gain and offset for all channels");
                s.number("gain", 1);
                s.number("offset", 0);
            }
            case "zero_mean_unit_variance" -> {
                s.requireSpatialAxes();
                s.number("eps", ProcessingStep.DEFAULT_EPS);
            }
            case "fixed_zero_mean_unit_variance" -> {
                s.requireAbsent("axis", "one mean and std for all channels");
                s.requiredNumber("mean");
                s.requiredNumber("std");
            }
            case "scale_range" -> {
                s.requireSpatialAxes();
                s.requireAbsent("reference_tensor", "the statistics of the input itself");
                percentiles(s);
            }
            case "clip" -> {
                s.requireAbsent("min_percentile", "fixed bounds min/max");
                s.requireAbsent("max_percentile", "fixed bounds min/max");
            }
            case "binarize" -> {
                s.requireAbsent("axis", "one threshold");
                s.requiredNumber("threshold");
            }
            case "sigmoid" -> { }
            default -> throw s.unsupportedHere("preprocessing (EMSym applies ensure_dtype, scale_linear,"
                    + " zero_mean_unit_variance, fixed_zero_mean_unit_variance, scale_range, clip, binarize, sigmoid)");
        }
    }

    private static NormalizationSpec percentiles(ProcessingStep s) throws IOException {
        double low = s.number("min_percentile", 0);
        double high = s.number("max_percentile", 100);
        try {
            return NormalizationSpec.percentile(low, high);
        } catch (IllegalArgumentException e) {
            throw s.unsupported("min_percentile", s.kwargs().get("min_percentile"), "0 <= min_percentile < max_percentile"
                    + " <= 100 (" + e.getMessage() + ")");
        }
    }

    /**
     * The section transform for {@code volume}: the statistics of every step fitted over all of it.
     * Sections are mapped in place and returned.
     */
    public UnaryOperator<float[]> fit(Volume volume) {
        List<Pointwise> fitted = new ArrayList<>();
        for (ProcessingStep s : steps) {
            Volume before = fitted.isEmpty() ? volume : new Mapped(volume, List.copyOf(fitted));
            Pointwise p = fitStep(s, before);
            if (p != null) {
                fitted.add(p);
            }
        }
        List<Pointwise> all = List.copyOf(fitted);
        return section -> {
            applyInPlace(all, section);
            return section;
        };
    }

    private static Pointwise fitStep(ProcessingStep s, Volume before) {
        try {
            return switch (s.id()) {
                case "ensure_dtype" -> null;
                case "scale_linear" -> {
                    double gain = s.number("gain", 1);
                    double offset = s.number("offset", 0);
                    yield v -> ProcessingStep.linear(v, gain, offset);
                }
                case "zero_mean_unit_variance" -> {
                    Normalizer n = Normalizer.fit(before, NormalizationSpec.meanStd());
                    yield affine(n.offset(), n.scale() + s.number("eps", ProcessingStep.DEFAULT_EPS));
                }
                case "fixed_zero_mean_unit_variance" -> affine(s.requiredNumber("mean"),
                        s.requiredNumber("std") + s.number("eps", ProcessingStep.DEFAULT_EPS));
                case "scale_range" -> {
                    Normalizer n = Normalizer.fit(before, percentiles(s));
                    yield affine(n.offset(), n.scale() + s.number("eps", ProcessingStep.DEFAULT_EPS));
                }
                case "clip" -> {
                    double lo = s.number("min", Double.NEGATIVE_INFINITY);
                    double hi = s.number("max", Double.POSITIVE_INFINITY);
                    yield v -> ProcessingStep.clip(v, lo, hi);
                }
                case "binarize" -> {
                    double t = s.requiredNumber("threshold");
                    yield v -> v > t ? 1f : 0f;
                }
                case "sigmoid" -> v -> (float) (1.0 / (1.0 + Math.exp(-v)));
                default -> throw new IllegalStateException("unchecked step " + s.field());
            };
        } catch (IOException e) {
            throw new IllegalStateException("checked at construction: " + e.getMessage(), e);
        }
    }

    private static Pointwise affine(double offset, double divisor) {
        double inv = 1.0 / divisor;
        return v -> (float) ((v - offset) * inv);
    }

    private static void applyInPlace(List<Pointwise> maps, float[] values) {
        for (Pointwise p : maps) {
            for (int i = 0; i < values.length; i++) {
                values[i] = p.apply(values[i]);
            }
        }
    }

    /** The volume as the steps fitted so far map it, for the statistics of the next step. */
    private static final class Mapped extends ForwardingVolume {
        private final List<Pointwise> maps;

        Mapped(Volume volume, List<Pointwise> maps) {
            super(volume);
            this.maps = maps;
        }

        @Override
        public PixelType pixelType() {
            return PixelType.FLOAT32;
        }

        @Override
        public float[][] readSlab(int z0, int z1) {
            float[][] slab = delegate().readSlab(z0, z1);
            for (float[] section : slab) {
                applyInPlace(maps, section);
            }
            return slab;
        }
    }

    @Override
    public String toString() {
        return "Preprocessing" + steps.stream().map(ProcessingStep::id).toList();
    }
}
