package org.emsym.engine.interop;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Exports a tiny TensorFlow SavedModel with TF-Java's graph API: {@code y = sigmoid(conv1x1(x) + b)} on
 * channels-last input x of shape (N, H, W, C), signature {@code serving_default}.
 */
final class TinySavedModel {

    private TinySavedModel() {
    }

    /**
     * @param weights [class][channel] of the 1x1 convolution
     * @param bias [class]
     */
    static Path write(Path folder, float[][] weights, float[] bias) throws IOException {
        Engine.getEngine("TensorFlow"); // DJL points TF-Java's loader at TENSORFLOW_LIBRARY_PATH
        int classes = weights.length;
        int channels = weights[0].length;
        float[][][][] filter = new float[1][1][channels][classes]; // (kh, kw, in, out)
        for (int o = 0; o < classes; o++) {
            for (int c = 0; c < channels; c++) {
                filter[0][0][c][o] = weights[o][c];
            }
        }
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, channels)));
            Operand<TFloat32> logits = tf.nn.biasAdd(
                    tf.nn.conv2d(x, tf.constant(filter), List.of(1L, 1L, 1L, 1L), "VALID"), tf.constant(bias));
            Operand<TFloat32> y = tf.withName("y").math.sigmoid(logits);
            Signature signature = Signature.builder().key("serving_default").input("image", x).output("probabilities", y)
                    .build();
            SavedModelBundle.exporter(folder.toString()).withFunction(SessionFunction.create(signature, session))
                    .export();
        }
        return folder;
    }
}
