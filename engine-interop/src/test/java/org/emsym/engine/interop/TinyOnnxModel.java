package org.emsym.engine.interop;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a tiny ONNX model, {@code y = Sigmoid(Conv1x1(x; W, B))} with x of shape (N, C, H, W), as
 * protobuf bytes built field by field with the field numbers of ONNX's public {@code onnx.proto}
 * (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto).
 */
final class TinyOnnxModel {

    private static final int FLOAT = 1; // TensorProto.DataType.FLOAT

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
        byte[] graph = message(g -> {
            g.writeByteArray(1, node("conv", "Conv", new String[] {"x", "W", "B"}, convOut));       // node
            if (sigmoid) {
                g.writeByteArray(1, node("sigmoid", "Sigmoid", new String[] {"logits"}, "y"));
            }
            g.writeString(2, "pointwise");                                                        // name
            g.writeByteArray(5, tensor("W", new long[] {classes, channels, 1, 1}, flat));         // initializer
            g.writeByteArray(5, tensor("B", new long[] {classes}, bias));
            g.writeByteArray(11, valueInfo("x", channels));                                        // input
            g.writeByteArray(12, valueInfo("y", classes));                                         // output
        });
        byte[] model = message(m -> {
            m.writeInt64(1, 8);                                                                    // ir_version
            m.writeString(2, "emsym-test");                                                        // producer_name
            m.writeByteArray(7, graph);                                                            // graph
            m.writeByteArray(8, message(o -> o.writeInt64(2, 13)));                                // opset_import
        });
        Files.write(file, model);
        return file;
    }

    private static byte[] node(String name, String op, String[] inputs, String output) {
        return message(n -> {
            for (String input : inputs) {
                n.writeString(1, input);
            }
            n.writeString(2, output);
            n.writeString(3, name);
            n.writeString(4, op);
        });
    }

    private static byte[] tensor(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return message(t -> {
            for (long d : dims) {
                t.writeInt64(1, d);                                                                // dims
            }
            t.writeInt32(2, FLOAT);                                                                // data_type
            t.writeString(8, name);                                                                // name
            t.writeByteArray(9, raw.array());                                                      // raw_data
        });
    }

    /** A float tensor value of shape (N, channels, H, W) with symbolic N, H, W. */
    private static byte[] valueInfo(String name, int channels) {
        byte[] shape = message(s -> {
            s.writeByteArray(1, message(d -> d.writeString(2, "N")));                              // dim_param
            s.writeByteArray(1, message(d -> d.writeInt64(1, channels)));                          // dim_value
            s.writeByteArray(1, message(d -> d.writeString(2, "H")));
            s.writeByteArray(1, message(d -> d.writeString(2, "W")));
        });
        byte[] tensorType = message(t -> {
            t.writeInt32(1, FLOAT);                                                                // elem_type
            t.writeByteArray(2, shape);                                                            // shape
        });
        return message(v -> {
            v.writeString(1, name);
            v.writeByteArray(2, message(t -> t.writeByteArray(1, tensorType)));                    // type.tensor_type
        });
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
