package org.emsym.engine.attribution;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import java.util.SplittableRandom;
import org.emsym.engine.util.EngineLock;

/**
 * Gradient-based attribution of a segmentation model's foreground score to its 2k+1 input sections.
 *
 * <p>The target is the model's score for {@link AttributionConfig#targetClass()} summed over a region
 * (the whole tile, or a mask such as the predicted membranes): sigmoid probabilities for one-class models,
 * softmax probabilities for several classes, or raw logits. Integrated-gradient steps and SmoothGrad samples
 * are evaluated in batches of {@link AttributionConfig#batchSize()}, so IG with n steps costs about n/batch
 * batched passes rather than n single ones. Every pass lives in its own NDManager scope.
 */
public final class GradientAttributor {

    private final Block model;
    private final AttributionConfig config;

    /** @param model an initialized block mapping (N, C, H, W) to (N, classes, H, W) */
    public GradientAttributor(Block model, AttributionConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
    }

    public AttributionConfig config() {
        return config;
    }

    /**
     * Attributes the target score of one window.
     *
     * @param manager manager on the model's device; nothing stays attached to it afterwards
     * @param channels 2k+1 row-major sections of {@code height * width} values, z order
     * @param region target region ({@code height * width} weights, usually 0/1), or null for the whole tile
     */
    public AttributionResult attribute(NDManager manager, float[][] channels, int height, int width, float[] region) {
        validate(channels, height, width, region);
        int c = channels.length;
        int plane = height * width;
        float[] x = flatten(channels);
        try (EngineLock.Held held = EngineLock.acquire("attribution");
                NDManager scope = manager.newSubManager()) {
            Pass pass = new Pass(scope, c, height, width, region);
            return switch (config.method()) {
                case SALIENCY, GRADIENT_X_INPUT -> plainGradient(pass, x, c, plane);
                case INTEGRATED_GRADIENTS -> integratedGradients(pass, x, channels, height, width);
            };
        }
    }

    private AttributionResult plainGradient(Pass pass, float[] x, int c, int plane) {
        int samples = Math.max(1, config.smoothGradSamples());
        float[] meanGrad = new float[x.length];
        SplittableRandom random = new SplittableRandom(config.seed());
        double target = Double.NaN;
        for (int done = 0; done < samples; done += config.batchSize()) {
            int n = Math.min(config.batchSize(), samples - done);
            float[] batch = new float[n * x.length];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < x.length; j++) {
                    float noise = config.smoothGradSamples() > 0
                            ? (float) (random.nextGaussian() * config.smoothGradSigma()) : 0f;
                    batch[i * x.length + j] = x[j] + noise;
                }
            }
            Gradients g = pass.gradients(batch, n);
            accumulate(meanGrad, g.values, n, x.length, 1.0f / samples);
            if (config.smoothGradSamples() == 0) {
                target = g.scores[0];
            }
        }
        if (config.smoothGradSamples() > 0) {
            target = pass.gradients(x, 1).scores[0];
        }
        float[] attribution = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            attribution[j] = config.method() == AttributionMethod.SALIENCY ? Math.abs(meanGrad[j]) : meanGrad[j] * x[j];
        }
        return new AttributionResult(config.method(), pass.height, pass.width, split(attribution, c, plane), target, Double.NaN);
    }

    private AttributionResult integratedGradients(Pass pass, float[] x, float[][] channels, int height, int width) {
        int c = channels.length;
        float[] base = flatten(Baselines.of(config, channels, height, width));
        int n = config.steps();
        float[] meanGrad = new float[x.length];
        for (int done = 0; done < n; done += config.batchSize()) {
            int m = Math.min(config.batchSize(), n - done);
            float[] batch = new float[m * x.length];
            for (int i = 0; i < m; i++) {
                // midpoint rule: alpha at the centre of each of the n sub-intervals
                float alpha = (float) ((done + i + 0.5) / n);
                for (int j = 0; j < x.length; j++) {
                    batch[i * x.length + j] = base[j] + alpha * (x[j] - base[j]);
                }
            }
            accumulate(meanGrad, pass.gradients(batch, m).values, m, x.length, 1.0f / n);
        }
        float[] endpoints = new float[2 * x.length];
        System.arraycopy(x, 0, endpoints, 0, x.length);
        System.arraycopy(base, 0, endpoints, x.length, x.length);
        float[] scores = pass.scores(endpoints, 2);
        float[] attribution = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            attribution[j] = (x[j] - base[j]) * meanGrad[j];
        }
        return new AttributionResult(AttributionMethod.INTEGRATED_GRADIENTS, height, width,
                split(attribution, c, height * width), scores[0], scores[1]);
    }

    private static void accumulate(float[] sum, float[] batchValues, int n, int length, float weight) {
        for (int i = 0; i < n; i++) {
            int off = i * length;
            for (int j = 0; j < length; j++) {
                sum[j] += weight * batchValues[off + j];
            }
        }
    }

    private void validate(float[][] channels, int height, int width, float[] region) {
        if (channels.length == 0 || channels.length % 2 != 1) {
            throw new IllegalArgumentException("a window needs 2k+1 channels, got " + channels.length);
        }
        for (int c = 0; c < channels.length; c++) {
            if (channels[c].length != height * width) {
                throw new IllegalArgumentException("channel " + c + " holds " + channels[c].length
                        + " values, expected " + height + " x " + width);
            }
        }
        if (region != null && region.length != height * width) {
            throw new IllegalArgumentException("target region holds " + region.length + " values, expected "
                    + height + " x " + width);
        }
    }

    private static float[] flatten(float[][] channels) {
        int plane = channels[0].length;
        float[] out = new float[channels.length * plane];
        for (int c = 0; c < channels.length; c++) {
            System.arraycopy(channels[c], 0, out, c * plane, plane);
        }
        return out;
    }

    private static float[][] split(float[] flat, int c, int plane) {
        float[][] out = new float[c][plane];
        for (int i = 0; i < c; i++) {
            System.arraycopy(flat, i * plane, out[i], 0, plane);
        }
        return out;
    }

    private record Gradients(float[] values, float[] scores) {
    }

    /** Forward/backward passes over batches of one window's shape, each in its own sub-scope. */
    private final class Pass {
        private final NDManager scope;
        private final int channels;
        private final int height;
        private final int width;
        private final float[] region;
        private final ParameterStore parameters;

        Pass(NDManager scope, int channels, int height, int width, float[] region) {
            this.scope = scope;
            this.channels = channels;
            this.height = height;
            this.width = width;
            this.region = region;
            this.parameters = new ParameterStore(scope, false);
        }

        Gradients gradients(float[] batch, int n) {
            try (NDManager step = scope.newSubManager();
                    GradientCollector collector = Engine.getEngine(step.getEngine().getEngineName())
                            .newGradientCollector()) {
                NDArray input = step.create(batch, new Shape(n, channels, height, width));
                input.setRequiresGradient(true);
                NDArray score = score(step, input);
                collector.backward(score.sum());
                return new Gradients(input.getGradient().toFloatArray(), score.toFloatArray());
            }
        }

        float[] scores(float[] batch, int n) {
            try (NDManager step = scope.newSubManager()) {
                NDArray input = step.create(batch, new Shape(n, channels, height, width));
                return score(step, input).toFloatArray();
            }
        }

        /** Per-sample target: the class score summed over the region, shape (n). */
        private NDArray score(NDManager step, NDArray input) {
            NDArray out = model.forward(parameters, new NDList(input), false).singletonOrThrow();
            Shape s = out.getShape();
            if (s.dimension() != 4 || s.get(2) != height || s.get(3) != width) {
                throw new IllegalStateException("model output " + s + " does not match input (N, C, "
                        + height + ", " + width + ")");
            }
            int classes = (int) s.get(1);
            if (config.targetClass() >= classes) {
                throw new IllegalArgumentException("target class " + config.targetClass() + " but the model has "
                        + classes + " output classes");
            }
            NDArray scores = switch (config.scoreType()) {
                case LOGIT -> out;
                case PROBABILITY -> classes == 1 ? Activation.sigmoid(out) : out.softmax(1);
            };
            NDArray target = scores.get(new NDIndex(":, {}", config.targetClass()));
            if (region != null) {
                target = target.mul(step.create(region, new Shape(height, width)));
            }
            return target.sum(new int[] {1, 2});
        }
    }
}
