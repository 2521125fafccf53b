package org.emsym.engine.interop.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.emsym.engine.util.AtomicFiles;

/**
 * An ONNX graph under construction: nodes of standard operators (default domain), float initializers, and
 * float NCHW inputs/outputs whose batch, height and width are symbolic ({@code N}, {@code H}, {@code W}).
 * {@link #toBytes()} encodes it as a {@code ModelProto} (IR version 8, opset {@link #OPSET});
 * {@link #write(Path)} writes that atomically.
 *
 * <pre>{@code
 * OnnxGraph g = new OnnxGraph("net");
 * g.input("x", 3).initializer("W", new long[] {8, 3, 3, 3}, w).initializer("B", new long[] {8}, b);
 * g.node("Conv", List.of("x", "W", "B"), "c", Attribute.ints("pads", 1, 1, 1, 1));
 * g.node("Sigmoid", List.of("c"), "y").output("y", 8).write(file);
 * }</pre>
 */
public final class OnnxGraph {

    /** The operator set version the written models import. */
    public static final int OPSET = 13;
    private static final int FLOAT = 1; // TensorProto.DataType.FLOAT
    private static final int IR_VERSION = 8;

    private final String name;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private int nodeCount;

    /** @param name the graph's name */
    public OnnxGraph(String name) {
        this.name = name;
    }

    /** Declares a float input of shape (N, channels, H, W). */
    public OnnxGraph input(String value, int channels) {
        define(value);
        inputs.add(valueInfo(value, channels));
        return this;
    }

    /** Declares a graph output of shape (N, channels, H, W); the value must be defined by a node. */
    public OnnxGraph output(String value, int channels) {
        if (!names.contains(value)) {
            throw new IllegalArgumentException("ONNX graph '" + name + "': output '" + value + "' is not defined");
        }
        outputs.add(valueInfo(value, channels));
        return this;
    }

    /** Adds a float constant tensor (row-major values). */
    public OnnxGraph initializer(String value, long[] dims, float[] values) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("ONNX initializer '" + value + "': shape "
                    + java.util.Arrays.toString(dims) + " holds " + count + " values, got " + values.length);
        }
        define(value);
        initializers.add(floatTensor(value, dims, values));
        return this;
    }

    /** Adds a 1-D int64 constant tensor (shapes, axes). */
    public OnnxGraph initializer(String value, long[] values) {
        define(value);
        initializers.add(message(t -> {
            t.writeInt64(1, values.length);                                          // dims
            t.writeInt32(2, 7);                                                      // data_type INT64
            t.writeString(8, value);                                                 // name
            ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                raw.putLong(v);
            }
            t.writeByteArray(9, raw.array());                                        // raw_data
        }));
        return this;
    }

    /**
     * Adds a node; every input must already be defined (an empty name stands for an omitted optional input).
     *
     * @return this graph
     */
    public OnnxGraph node(String op, List<String> in, String out, Attribute... attributes) {
        for (String i : in) {
            if (!i.isEmpty() && !names.contains(i)) {
                throw new IllegalArgumentException("ONNX node " + op + " -> '" + out + "': input '" + i
                        + "' is not defined");
            }
        }
        define(out);
        String nodeName = op.toLowerCase(java.util.Locale.ROOT) + "_" + nodeCount++;
        nodes.add(message(n -> {
            for (String i : in) {
                n.writeString(1, i);                                                 // input
            }
            n.writeString(2, out);                                                   // output
            n.writeString(3, nodeName);                                              // name
            n.writeString(4, op);                                                    // op_type
            for (Attribute a : attributes) {
                n.writeByteArray(5, a.encoded);                                      // attribute
            }
        }));
        return this;
    }

    /** The model as {@code ModelProto} bytes. */
    public byte[] toBytes() {
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalStateException("ONNX graph '" + name + "' needs at least one input and one output");
        }
        byte[] graph = message(g -> {
            for (byte[] n : nodes) {
                g.writeByteArray(1, n);                                              // node
            }
            g.writeString(2, name);                                                  // name
            for (byte[] t : initializers) {
                g.writeByteArray(5, t);                                              // initializer
            }
            for (byte[] v : inputs) {
                g.writeByteArray(11, v);                                             // input
            }
            for (byte[] v : outputs) {
                g.writeByteArray(12, v);                                             // output
            }
        });
        return message(m -> {
            m.writeInt64(1, IR_VERSION);                                             // ir_version
            m.writeString(2, "emsym");                                               // producer_name
            m.writeByteArray(7, graph);                                              // graph
            m.writeByteArray(8, message(o -> o.writeInt64(2, OPSET)));               // opset_import
        });
    }

    /** Writes {@link #toBytes()} to a temporary file and moves it onto {@code file}. */
    public Path write(Path file) throws IOException {
        AtomicFiles.write(file, toBytes());
        return file;
    }

    private void define(String value) {
        if (value.isEmpty() || !names.add(value)) {
            throw new IllegalArgumentException("ONNX graph '" + name + "': value name '" + value
                    + "' is empty or defined twice");
        }
    }

    private static byte[] floatTensor(String value, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return message(t -> {
            for (long d : dims) {
                t.writeInt64(1, d);                                                  // dims
            }
            t.writeInt32(2, FLOAT);                                                  // data_type
            t.writeString(8, value);                                                 // name
            t.writeByteArray(9, raw.array());                                        // raw_data
        });
    }

    private static byte[] valueInfo(String value, int channels) {
        byte[] shape = message(s -> {
            s.writeByteArray(1, message(d -> d.writeString(2, "N")));                // dim_param
            s.writeByteArray(1, message(d -> d.writeInt64(1, channels)));            // dim_value
            s.writeByteArray(1, message(d -> d.writeString(2, "H")));
            s.writeByteArray(1, message(d -> d.writeString(2, "W")));
        });
        byte[] tensorType = message(t -> {
            t.writeInt32(1, FLOAT);                                                  // elem_type
            t.writeByteArray(2, shape);                                              // shape
        });
        return message(v -> {
            v.writeString(1, value);                                                 // name
            v.writeByteArray(2, message(t -> t.writeByteArray(1, tensorType)));      // type.tensor_type
        });
    }

    /** A node attribute (AttributeProto) of type FLOAT, INT, STRING or INTS. */
    public static final class Attribute {
        private final byte[] encoded;

        private Attribute(byte[] encoded) {
            this.encoded = encoded;
        }

        /** An INT attribute. */
        public static Attribute of(String name, long value) {
            return new Attribute(message(a -> {
                a.writeString(1, name);                                              // name
                a.writeInt64(3, value);                                              // i
                a.writeInt32(20, 2);                                                 // type INT
            }));
        }

        /** A FLOAT attribute. */
        public static Attribute of(String name, float value) {
            return new Attribute(message(a -> {
                a.writeString(1, name);
                a.writeFloat(2, value);                                              // f
                a.writeInt32(20, 1);                                                 // type FLOAT
            }));
        }

        /** A STRING attribute. */
        public static Attribute of(String name, String value) {
            return new Attribute(message(a -> {
                a.writeString(1, name);
                a.writeString(4, value);                                             // s
                a.writeInt32(20, 3);                                                 // type STRING
            }));
        }

        /** An INTS attribute. */
        public static Attribute ints(String name, long... values) {
            return new Attribute(message(a -> {
                a.writeString(1, name);
                for (long v : values) {
                    a.writeInt64(8, v);                                              // ints
                }
                a.writeInt32(20, 7);                                                 // type INTS
            }));
        }
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
