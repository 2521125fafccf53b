package org.emsym.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.emsym.engine.model.NamedParameters;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.io.NpzWriter;

/**
 * Numerical parity: the engine's ResNet-18 U-Net writes its weights (npz, PyTorch state-dict names from
 * {@link TorchNames}), an input and its own outputs; the PyTorch twin loads the weights strictly and runs the
 * same input. Batch-norm scales and shifts are randomized and the running statistics are calibrated by a few
 * training-mode passes over the input first, so that every tensor takes part and the outputs are of order 1
 * (raw Xavier weights with unit running variances give outputs in the tens, where float32 rounding alone
 * approaches 1e-4). Both inference mode (running statistics) and training mode (batch statistics) are compared.
 */
final class ParityBench {

    /** Largest absolute output difference accepted as "the same network". */
    static final double TOLERANCE = 1e-4;

    /** Training-mode passes that move the running statistics towards the batch statistics (momentum 0.1). */
    private static final int CALIBRATION_PASSES = 10;

    record Result(double evalDiff, double trainDiff, double maxOutput, int parameters, String torchVersion) {
    }

    private ParityBench() {
    }

    static Result run(BenchOptions options) throws IOException, InterruptedException {
        int size = options.quick() ? 128 : 256;
        int batch = 2;
        Path dir = Files.createTempDirectory("emsym-parity-");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            UNet net = BenchNetworks.resnet18UNet(manager, 3, size);
            NamedParameters torchNames = TorchNames.of(net);
            randomizeBatchNorms(torchNames);
            long[] shape = {batch, 3, size, size};
            float[] input = BenchNetworks.uniform(batch * 3 * size * size, 7);
            Path weights = dir.resolve("weights.npz");
            float[] eval;
            float[] train;
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(input, new Shape(shape));
                ParameterStore ps = new ParameterStore(scope, false);
                for (int i = 0; i < CALIBRATION_PASSES; i++) {
                    try (NDManager pass = scope.newSubManager()) {
                        pass.tempAttachAll(x);
                        net.forward(new ParameterStore(pass, false), new NDList(x), true);
                    }
                }
                NpzWriter.write(weights, torchNames.toTensors().values());
                eval = net.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
                // after the weights were written: a training-mode forward also updates the running statistics
                train = net.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
            }
            long[] outShape = {batch, 1, size, size};
            Path data = dir.resolve("data.npz");
            NpzWriter.write(data, List.of(new NamedTensor("input", shape, input),
                    new NamedTensor("output_eval", outShape, eval), new NamedTensor("output_train", outShape, train)));
            JsonObject r = TorchProcess.run(options, "parity", "--weights", weights.toString(), "--data",
                    data.toString());
            Result result = new Result(r.get("eval_max_abs_diff").getAsDouble(),
                    r.get("train_max_abs_diff").getAsDouble(), r.get("eval_max_abs_output").getAsDouble(),
                    torchNames.names().size(), r.get("torch").getAsString());
            System.out.printf(Locale.ROOT, "parity (%d tensors, input %dx3x%dx%d): max |DJL - PyTorch| eval %.2e, "
                    + "train %.2e (max |output| %.3f), torch %s%n", result.parameters(), batch, size, size,
                    result.evalDiff(), result.trainDiff(), result.maxOutput(), result.torchVersion());
            return result;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Gives every batch norm a non-trivial scale and shift (and running statistics, before calibration). */
    private static void randomizeBatchNorms(NamedParameters named) {
        SplittableRandom random = new SplittableRandom(3);
        for (String name : named.names()) {
            Parameter p = named.get(name);
            Parameter.Type type = p.getType();
            double lo;
            double hi;
            if (type == Parameter.Type.GAMMA || type == Parameter.Type.RUNNING_VAR) {
                lo = 0.5;
                hi = 1.5;
            } else if (type == Parameter.Type.BETA || type == Parameter.Type.RUNNING_MEAN) {
                lo = -0.2;
                hi = 0.2;
            } else {
                continue;
            }
            NDArray a = p.getArray();
            float[] values = new float[Math.toIntExact(a.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (lo + (hi - lo) * random.nextDouble());
            }
            a.set(values);
        }
    }
}
