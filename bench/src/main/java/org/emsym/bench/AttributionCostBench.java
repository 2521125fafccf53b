package org.emsym.bench;

import ai.djl.ndarray.NDManager;
import java.util.Locale;
import org.emsym.engine.attribution.AttributionConfig;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.GradientAttributor;
import org.emsym.engine.model.UNet;

/**
 * Integrated-gradients cost (issue 5): one IG attribution with n steps (evaluated in batches, as
 * {@link GradientAttributor} does) against n times one saliency pass (one gradient of one window), both on
 * the ResNet-18 U-Net with a 3-channel (k = 1) window. Best of a few repetitions of each.
 */
final class AttributionCostBench {

    private static final int REPEATS = 3;

    record Result(int steps, int batch, int size, double igSeconds, double saliencySeconds) {
        double ratio() {
            return igSeconds / (steps * saliencySeconds);
        }
    }

    private AttributionCostBench() {
    }

    static Result run(BenchOptions options) {
        int size = options.quick() ? 128 : 256;
        int steps = options.quick() ? 16 : 32;
        int batch = 8;
        float[][] window = new float[3][];
        for (int c = 0; c < 3; c++) {
            window[c] = BenchNetworks.uniform(size * size, 10 + c);
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            UNet net = BenchNetworks.resnet18UNet(manager, 3, size);
            GradientAttributor saliency = new GradientAttributor(net,
                    AttributionConfig.builder().method(AttributionMethod.SALIENCY).batchSize(1).build());
            GradientAttributor ig = new GradientAttributor(net, AttributionConfig.builder()
                    .method(AttributionMethod.INTEGRATED_GRADIENTS).steps(steps).batchSize(batch).build());
            saliency.attribute(manager, window, size, size, null); // warm-up
            double bestSaliency = Double.MAX_VALUE;
            double bestIg = Double.MAX_VALUE;
            for (int r = 0; r < REPEATS; r++) {
                long t0 = System.nanoTime();
                saliency.attribute(manager, window, size, size, null);
                bestSaliency = Math.min(bestSaliency, (System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                ig.attribute(manager, window, size, size, null);
                bestIg = Math.min(bestIg, (System.nanoTime() - t0) / 1e9);
            }
            Result result = new Result(steps, batch, size, bestIg, bestSaliency);
            System.out.printf(Locale.ROOT, "IG %d steps (batches of %d) %.2f s; one saliency pass %.3f s; ratio %.3f%n",
                    steps, batch, bestIg, bestSaliency, result.ratio());
            return result;
        }
    }
}
