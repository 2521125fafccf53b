package org.emsym.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emsym.engine.model.UNet;
import org.emsym.engine.train.AdamOptimizer;
import org.emsym.engine.train.OptimizerType;
import org.emsym.engine.train.SegmentationLoss;

/**
 * Training step time, EMSym (DJL, PyTorch engine) against PyTorch in Python, on the identical ResNet-18
 * U-Net, the same batch, loss (0.5 BCE + 0.5 soft Dice) and optimizer (AdamW, lr 1e-3, weight decay 1e-4 on
 * convolution kernels), the same number of intra-op threads. The Java step is the one the engine's
 * {@code SegmentationTrainer} takes (forward, loss, backward, {@link AdamOptimizer} update of every parameter, gradient
 * reset, all in one NDManager scope) on a fixed batch, so data preparation is excluded on both sides.
 * Rounds alternate between the two so that load from other processes hits both alike; the best round
 * (mean step time) of each counts. A full run (batch 8 x 3 x 256 x 256) takes one round of two timed steps
 * per side after one warm-up step, a quick run (batch 2 x 3 x 128 x 128) two rounds of three.
 */
final class TrainingStepBench {

    private static final int WARMUP = 1;

    record Result(int batch, int size, double emsymSeconds, double torchSeconds, String torchVersion) {
        double ratio() {
            return emsymSeconds / torchSeconds;
        }
    }

    private TrainingStepBench() {
    }

    static Result run(BenchOptions options) throws IOException, InterruptedException {
        int batch = options.quick() ? 2 : 8;
        int size = options.quick() ? 128 : 256;
        int steps = options.quick() ? 3 : 2;
        int rounds = options.quick() ? 2 : 1;
        double bestJava = Double.MAX_VALUE;
        double bestTorch = Double.MAX_VALUE;
        String torchVersion = "?";
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                AdamOptimizer optimizer = new AdamOptimizer(manager, OptimizerType.ADAMW, 1e-4)) {
            UNet net = BenchNetworks.resnet18UNet(manager, 3, size);
            float[] images = BenchNetworks.uniform(batch * 3 * size * size, 2);
            float[] targets = BenchNetworks.uniform(batch * size * size, 3);
            for (int i = 0; i < targets.length; i++) {
                targets[i] = targets[i] > 0.5f ? 1f : 0f;
            }
            for (int round = 1; round <= rounds; round++) {
                List<Double> times = new ArrayList<>();
                for (int s = 0; s < WARMUP + steps; s++) {
                    long t0 = System.nanoTime();
                    step(manager, net, optimizer, images, targets, batch, size);
                    if (s >= WARMUP) {
                        times.add((System.nanoTime() - t0) / 1e9);
                    }
                }
                double java = mean(times);
                JsonObject torch = TorchProcess.run(options, "step", "--batch", String.valueOf(batch), "--size",
                        String.valueOf(size), "--warmup", String.valueOf(WARMUP), "--steps", String.valueOf(steps));
                List<Double> torchTimes = new ArrayList<>();
                for (JsonElement e : torch.getAsJsonArray("step_seconds")) {
                    torchTimes.add(e.getAsDouble());
                }
                double py = mean(torchTimes);
                torchVersion = torch.get("torch").getAsString();
                System.out.printf(Locale.ROOT, "training step round %d (batch %dx3x%dx%d, %d threads): EMSym %.2f s,"
                        + " PyTorch %s %.2f s%n", round, batch, size, size, options.threads(), java, torchVersion, py);
                bestJava = Math.min(bestJava, java);
                bestTorch = Math.min(bestTorch, py);
            }
        }
        return new Result(batch, size, bestJava, bestTorch, torchVersion);
    }

    /** One training step as the engine's SegmentationTrainer takes it. */
    private static void step(NDManager manager, UNet net, AdamOptimizer optimizer, float[] images, float[] targets,
            int batch, int size) {
        SegmentationLoss loss = new SegmentationLoss(0.5, 0.5);
        try (NDManager scope = manager.newSubManager()) {
            for (Pair<String, Parameter> p : net.getParameters()) {
                scope.tempAttachAll(p.getValue().getArray());
            }
            NDArray x = scope.create(images, new Shape(batch, 3, size, size));
            NDArray y = scope.create(targets, new Shape(batch, 1, size, size));
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                NDArray logits = net.forward(new ParameterStore(scope, false), new NDList(x), true).singletonOrThrow();
                NDArray value = loss.compute(logits, y);
                collector.backward(value);
                value.getFloat(); // the loss is read each step, as the trainer does
            }
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
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
