package org.emsym.engine.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.emsym.engine.interop.onnx.OnnxGraph;

/**
 * Writes a tiny ONNX model, {@code y = Sigmoid(Conv1x1(x; W, B))} with x of shape (N, C, H, W), through the
 * project's ONNX writer {@link OnnxGraph}.
 */
final class TinyOnnxModel {

    private TinyOnnxModel() {
    }

    /**
     * @param weights [class][channel] of the 1x1 convolution
     * @param bias [class]
     * @param sigmoid whether the graph ends in a Sigmoid (else it outputs logits)
     */
    static Path write(Path file, float[][] weights, float[] bias, boolean sigmoid) throws IOException {
        int classes = weights.length;
        int channels = weights[0].length;
        float[] flat = new float[classes * channels];
        for (int o = 0; o < classes; o++) {
            System.arraycopy(weights[o], 0, flat, o * channels, channels);
        }
        String convOut = sigmoid ? "logits" : "y";
        OnnxGraph graph = new OnnxGraph("pointwise").input("x", channels)
                .initializer("W", new long[] {classes, channels, 1, 1}, flat)
                .initializer("B", new long[] {classes}, bias)
                .node("Conv", List.of("x", "W", "B"), convOut);
        if (sigmoid) {
            graph.node("Sigmoid", List.of("logits"), "y");
        }
        return graph.output("y", classes).write(file);
    }
}
