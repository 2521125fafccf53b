package org.emsym.engine.predict;

/**
 * How a network's raw output becomes probabilities. Applied in Java on the output array, so it works
 * the same for every engine (ONNX Runtime's DJL arrays support almost no operators).
 */
public enum OutputActivation {
    /** The network already outputs probabilities (e.g. an exported Keras model ending in a sigmoid). */
    NONE,
    /** Independent per-class probability {@code 1 / (1 + exp(-logit))}. */
    SIGMOID,
    /** Probabilities over the classes of each pixel summing to 1. */
    SOFTMAX;

    /** Sigmoid for a single-class (binary) network, softmax for more classes: the rule for logits. */
    public static OutputActivation forLogits(int classes) {
        return classes == 1 ? SIGMOID : SOFTMAX;
    }

    /**
     * Applies this activation in place.
     *
     * @param values {@code batchSize * classes * pixels} values in (N, classes, pixels) order
     */
    public void applyInPlace(float[] values, int batchSize, int classes, int pixels) {
        switch (this) {
            case NONE -> { }
            case SIGMOID -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (1.0 / (1.0 + Math.exp(-values[i])));
                }
            }
            case SOFTMAX -> softmax(values, batchSize, classes, pixels);
            default -> throw new AssertionError(this);
        }
    }

    private static void softmax(float[] values, int batchSize, int classes, int pixels) {
        for (int n = 0; n < batchSize; n++) {
            int base = n * classes * pixels;
            for (int p = 0; p < pixels; p++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, values[base + c * pixels + p]);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += Math.exp(values[base + c * pixels + p] - max);
                }
                for (int c = 0; c < classes; c++) {
                    int i = base + c * pixels + p;
                    values[i] = (float) (Math.exp(values[i] - max) / sum);
                }
            }
        }
    }
}
