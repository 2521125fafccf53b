package org.emsym.engine.interop.bioimageio;

import java.io.IOException;
import java.util.List;
import org.emsym.engine.predict.OutputActivation;

/**
 * The output tensor's declared postprocessing, applied to every predicted tile in (N, C, h, w) order. Only
 * element-wise steps and the channel softmax are accepted (a step with statistics of the output would make
 * tiles disagree): {@code ensure_dtype} (float32/float64), {@code sigmoid}, {@code softmax} (over the channel
 * axis), {@code scale_linear} (one gain and offset), {@code clip} (fixed bounds), {@code binarize}.
 * Sigmoid and softmax are {@link OutputActivation}'s.
 */
public final class Postprocessing {

    private final List<ProcessingStep> steps;

    /**
     * @throws IOException naming the field of the first step EMSym cannot apply to tiles
     */
    Postprocessing(List<ProcessingStep> steps) throws IOException {
        this.steps = List.copyOf(steps);
        for (ProcessingStep s : this.steps) {
            switch (s.id()) {
                case "ensure_dtype" -> s.requireFloatDtype();
                case "sigmoid" -> { }
                case "softmax" -> {
                    if (s.kwargs().hasNonNull("axis") && !s.kwargs().get("axis").asText().equals("channel")) {
                        throw s.unsupported("axis", s.kwargs().get("axis"), "softmax over the channel axis");
                    }
                }
                case "scale_linear" -> {
                    s.requireAbsent("axis", "one gain and offset for all channels");
                    s.number("gain", 1);
                    s.number("offset", 0);
                }
                case "clip" -> {
                    s.requireAbsent("min_percentile", "fixed bounds min/max");
                    s.requireAbsent("max_percentile", "fixed bounds min/max");
                    s.number("min", 0);
                    s.number("max", 0);
                }
                case "binarize" -> {
                    s.requireAbsent("axis", "one threshold");
                    s.requiredNumber("threshold");
                }
                default -> throw s.unsupportedHere("postprocessing (EMSym applies ensure_dtype, sigmoid, softmax,"
                        + " scale_linear, clip and binarize to each tile)");
            }
        }
    }

    public List<ProcessingStep> steps() {
        return steps;
    }

    /** Applies the steps in place to {@code batchSize * classes * pixels} values in (N, C, pixels) order. */
    public void applyInPlace(float[] values, int batchSize, int classes, int pixels) {
        try {
            for (ProcessingStep s : steps) {
                switch (s.id()) {
                    case "sigmoid" -> OutputActivation.SIGMOID.applyInPlace(values, batchSize, classes, pixels);
                    case "softmax" -> OutputActivation.SOFTMAX.applyInPlace(values, batchSize, classes, pixels);
                    case "scale_linear" -> {
                        double gain = s.number("gain", 1);
                        double offset = s.number("offset", 0);
                        for (int i = 0; i < values.length; i++) {
                            values[i] = ProcessingStep.linear(values[i], gain, offset);
                        }
                    }
                    case "clip" -> {
                        double lo = s.number("min", Double.NEGATIVE_INFINITY);
                        double hi = s.number("max", Double.POSITIVE_INFINITY);
                        for (int i = 0; i < values.length; i++) {
                            values[i] = ProcessingStep.clip(values[i], lo, hi);
                        }
                    }
                    case "binarize" -> {
                        double t = s.requiredNumber("threshold");
                        for (int i = 0; i < values.length; i++) {
                            values[i] = values[i] > t ? 1f : 0f;
                        }
                    }
                    default -> { } // ensure_dtype: float32 already
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("checked at construction: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Postprocessing" + steps.stream().map(ProcessingStep::id).toList();
    }
}
