package org.emsym.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.Locale;
import org.emsym.engine.model.UNet;
import org.emsym.engine.train.AdamOptimizer;
import org.emsym.engine.train.OptimizerType;
import org.emsym.engine.train.SegmentationLoss;

/**
 * Training step time, EMSym (DJL, PyTorch engine) against PyTorch in Python, on the identical ResNet-18
 * U-Net, the same batch, loss (0.5 BCE + 0.5 soft Dice) and optimizer (AdamW, lr 1e-3, weight decay 1e-4 on
 * convolution kernels), the same number of intra-op threads. The Java step is the one the engine's
 * {@code SegmentationTrainer} takes (batch copied from Java arrays into NDArrays, forward, loss, backward,
 * {@link AdamOptimizer} update of every parameter, gradient reset, all in one NDManager scope) on a fixed batch, so
 * patch sampling and augmentation are excluded on both sides. After one Java warm-up step the two sides take
 * turns, one timed step each per pair (PyTorch in a fresh process with its own warm-up step), so that load from
 * other processes hits both alike; the reported ratio is the median over the pairs of Java step / PyTorch step.
 * A full run (batch 8 x 3 x 256 x 256) times 5 pairs, a quick run (batch 2 x 3 x 128 x 128) 3. The Java steps are
 * also split into their phases (copy in, forward + loss + backward, optimizer update) to show where a gap lies.
 */
final class TrainingStepBench {

    private static final int WARMUP = 1;

    /**
     * @param ratio median over the pairs of EMSym step / PyTorch step
     * @param emsymSeconds median EMSym step
     * @param torchSeconds median PyTorch step
     * @param copySeconds median time to copy the batch from Java arrays into NDArrays
     * @param backwardSeconds median forward + loss + backward (up to reading the loss)
     * @param updateSeconds median optimizer update and gradient reset over all parameters
     */
    record Result(int batch, int size, int pairs, double ratio, double emsymSeconds, double torchSeconds,
            double copySeconds, double backwardSeconds, double updateSeconds, String torchVersion) {
    }

    private TrainingStepBench() {
    }

    static Result run(BenchOptions options) throws IOException, InterruptedException {
        int batch = options.quick() ? 2 : 8;
        int size = options.quick() ? 128 : 256;
        int pairs = options.quick() ? 3 : 5;
        double[] ratios = new double[pairs];
        double[] java = new double[pairs];
        double[] torch = new double[pairs];
        double[][] phases = new double[3][pairs];
        String torchVersion = "?";
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                AdamOptimizer optimizer = new AdamOptimizer(manager, OptimizerType.ADAMW, 1e-4)) {
            UNet net = BenchNetworks.resnet18UNet(manager, 3, size);
            float[] images = BenchNetworks.uniform(batch * 3 * size * size, 2);
            float[] targets = BenchNetworks.uniform(batch * size * size, 3);
            for (int i = 0; i < targets.length; i++) {
                targets[i] = targets[i] > 0.5f ? 1f : 0f;
            }
            for (int s = 0; s < WARMUP; s++) {
                step(manager, net, optimizer, images, targets, batch, size);
            }
            for (int pair = 0; pair < pairs; pair++) {
                double[] phase = step(manager, net, optimizer, images, targets, batch, size);
                java[pair] = phase[0] + phase[1] + phase[2];
                for (int k = 0; k < 3; k++) {
                    phases[k][pair] = phase[k];
                }
                JsonObject result = TorchProcess.run(options, "step", "--batch", String.valueOf(batch), "--size",
                        String.valueOf(size), "--warmup", String.valueOf(WARMUP), "--steps", "1");
                torch[pair] = result.getAsJsonArray("step_seconds").get(0).getAsDouble();
                torchVersion = result.get("torch").getAsString();
                ratios[pair] = java[pair] / torch[pair];
                System.out.printf(Locale.ROOT, "training step pair %d (batch %dx3x%dx%d, %d threads): EMSym %.2f s"
                        + " (copy in %.3f, forward+backward %.2f, update %.2f), PyTorch %s %.2f s, ratio %.3f%n",
                        pair + 1, batch, size, size, options.threads(), java[pair], phase[0], phase[1], phase[2],
                        torchVersion, torch[pair], ratios[pair]);
            }
        }
        return new Result(batch, size, pairs, PredictionBench.median(ratios), PredictionBench.median(java),
                PredictionBench.median(torch), PredictionBench.median(phases[0]), PredictionBench.median(phases[1]),
                PredictionBench.median(phases[2]), torchVersion);
    }

    /**
     * One training step as the engine's SegmentationTrainer takes it.
     *
     * @return seconds of its phases: copy in, forward + loss + backward, optimizer update
     */
    private static double[] step(NDManager manager, UNet net, AdamOptimizer optimizer, float[] images, float[] targets,
            int batch, int size) {
        SegmentationLoss loss = new SegmentationLoss(0.5, 0.5);
        long t0 = System.nanoTime();
        long t1;
        long t2;
        try (NDManager scope = manager.newSubManager()) {
            for (Pair<String, Parameter> p : net.getParameters()) {
                scope.tempAttachAll(p.getValue().getArray());
            }
            NDArray x = scope.create(images, new Shape(batch, 3, size, size));
            NDArray y = scope.create(targets, new Shape(batch, 1, size, size));
            t1 = System.nanoTime();
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                NDArray logits = net.forward(new ParameterStore(scope, false), new NDList(x), true).singletonOrThrow();
                NDArray value = loss.compute(logits, y);
                collector.backward(value);
                value.getFloat(); // the loss is read each step, as the trainer does
            }
            t2 = System.nanoTime();
            for (Pair<String, Parameter> p : net.getParameters()) {
                Parameter parameter = p.getValue();
                if (!parameter.requiresGradient()) {
                    continue;
                }
                NDArray weight = parameter.getArray();
                NDArray gradient = weight.getGradient();
                gradient.attach(scope);
                optimizer.update(p.getKey(), weight, gradient, 1e-3, parameter.getType() == Parameter.Type.WEIGHT);
                gradient.subi(gradient);
            }
        }
        long t3 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9};
    }
}
