package org.emsym.engine.interop;

import ai.djl.ndarray.types.Shape;
import ai.djl.util.PairList;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names and shapes of an ONNX graph's inputs and outputs, read from the file's protobuf messages (onnx.proto:
 * ModelProto.graph = 7; GraphProto.initializer = 5, input = 11, output = 12; ValueInfoProto.name = 1, type = 2;
 * TypeProto.tensor_type = 1; TypeProto.Tensor.shape = 2; TensorShapeProto.dim = 1; Dimension.dim_value = 1,
 * dim_param = 2; TensorProto.name = 8). Graph inputs that are initializers (IR version 3 and older list weights as
 * inputs) are left out, as ONNX Runtime does. A symbolic or missing axis reads as -1.
 *
 * <p>Reading them without ONNX Runtime's API keeps ONNX Runtime a runtime-only dependency found through DJL's
 * engine lookup, so the light part of this module compiles without it.
 */
final class OnnxSignature {

    private final PairList<String, Shape> inputs;
    private final PairList<String, Shape> outputs;

    private OnnxSignature(PairList<String, Shape> inputs, PairList<String, Shape> outputs) {
        this.inputs = inputs;
        this.outputs = outputs;
    }

    PairList<String, Shape> inputs() {
        return inputs;
    }

    PairList<String, Shape> outputs() {
        return outputs;
    }

    /** @throws IOException naming the file if it is not an ONNX model with a graph */
    static OnnxSignature read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            coded.setRecursionLimit(64);
            while (true) {
                int tag = coded.readTag();
                if (tag == 0) {
                    throw new IOException(file + " is not an ONNX model: it has no graph (ModelProto field 7)");
                }
                if (WireFormat.getTagFieldNumber(tag) == 7 && wire(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int limit = coded.pushLimit(coded.readRawVarint32());
                    OnnxSignature signature = readGraph(coded);
                    coded.popLimit(limit);
                    return signature;
                }
                if (!coded.skipField(tag)) {
                    throw new IOException(file + " is not an ONNX model: unexpected end-group tag");
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IOException(file + " is not an ONNX model: " + e.getMessage(), e);
        }
    }

    private static OnnxSignature readGraph(CodedInputStream in) throws IOException {
        List<String> inputNames = new ArrayList<>();
        List<Shape> inputShapes = new ArrayList<>();
        PairList<String, Shape> outputs = new PairList<>();
        Set<String> initializers = new HashSet<>();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if (wire(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED && (field == 5 || field == 11 || field == 12)) {
                int limit = in.pushLimit(in.readRawVarint32());
                if (field == 5) {
                    initializers.add(readString(in, 8));
                } else {
                    String[] name = new String[1];
                    Shape shape = readValueInfo(in, name);
                    if (field == 11) {
                        inputNames.add(name[0]);
                        inputShapes.add(shape);
                    } else {
                        outputs.add(name[0], shape);
                    }
                }
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        PairList<String, Shape> inputs = new PairList<>();
        for (int i = 0; i < inputNames.size(); i++) {
            if (!initializers.contains(inputNames.get(i))) {
                inputs.add(inputNames.get(i), inputShapes.get(i));
            }
        }
        return new OnnxSignature(inputs, outputs);
    }

    /** ValueInfoProto: name into {@code name[0]}, the tensor shape returned (empty for a non-tensor). */
    private static Shape readValueInfo(CodedInputStream in, String[] name) throws IOException {
        name[0] = "";
        Shape shape = new Shape();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && wire(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                name[0] = in.readStringRequireUtf8();
            } else if (field == 2 && wire(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                shape = readNested(in, 1, OnnxSignature::readTensorType, new Shape());
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        return shape;
    }

    private static Shape readTensorType(CodedInputStream in) throws IOException {
        return readNested(in, 2, OnnxSignature::readShape, new Shape());
    }

    private static Shape readShape(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (WireFormat.getTagFieldNumber(tag) == 1 && wire(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                long value = -1;
                while (!in.isAtEnd()) {
                    int dimTag = in.readTag();
                    if (WireFormat.getTagFieldNumber(dimTag) == 1 && wire(dimTag) == WireFormat.WIRETYPE_VARINT) {
                        value = in.readInt64();
                    } else {
                        in.skipField(dimTag);
                    }
                }
                in.popLimit(limit);
                dims.add(value);
            } else {
                in.skipField(tag);
            }
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i);
        }
        return new Shape(shape);
    }

    private interface Reader<T> {
        T read(CodedInputStream in) throws IOException;
    }

    /** Reads the message in length-delimited {@code field} with {@code reader}; {@code absent} when it has none. */
    private static <T> T readNested(CodedInputStream in, int field, Reader<T> reader, T absent) throws IOException {
        T result = absent;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (WireFormat.getTagFieldNumber(tag) == field && wire(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                result = reader.read(in);
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        return result;
    }

    private static String readString(CodedInputStream in, int field) throws IOException {
        String value = "";
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (WireFormat.getTagFieldNumber(tag) == field && wire(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                value = in.readStringRequireUtf8();
            } else {
                in.skipField(tag);
            }
        }
        return value;
    }

    private static int wire(int tag) {
        return WireFormat.getTagWireType(tag);
    }
}
