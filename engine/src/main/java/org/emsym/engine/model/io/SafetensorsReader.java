package org.emsym.engine.model.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.util.FileChecksums;

/**
 * Reads a {@code .safetensors} state dict (Hugging Face format: 8-byte little-endian header length, JSON
 * header {@code name -> {dtype, shape, data_offsets}}, raw little-endian data). Reads F32, F16, BF16 and F64
 * tensors into float32, and integer tensors too (torchvision state dicts hold int64
 * {@code num_batches_tracked} counters, which encoders ignore); names are kept as written (e.g. torchvision's {@code layer1.0.conv1.weight}).
 */
public final class SafetensorsReader {

    public static final String FORMAT = "safetensors";
    private static final long MAX_HEADER = 100L << 20;

    private SafetensorsReader() {
    }

    public static PretrainedWeights read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new IOException("not a safetensors file (" + size + " bytes): " + file);
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new IOException("not a safetensors file (header length " + headerLen + ", file size " + size + "): " + file);
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
            readFully(ch, headerBuf, 8, file);
            JsonObject header;
            try {
                header = JsonParser.parseString(new String(headerBuf.array(), StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                throw new IOException("not a safetensors file (header is not a JSON object): " + file, e);
            }
            long dataStart = 8 + headerLen;
            long dataSize = size - dataStart;
            Map<String, NamedTensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                try {
                    tensors.put(e.getKey(), readTensor(ch, file, e.getKey(), e.getValue().getAsJsonObject(), dataStart, dataSize));
                } catch (IllegalStateException | UnsupportedOperationException | IndexOutOfBoundsException | NumberFormatException ex) {
                    throw new IOException("malformed header entry for tensor '" + e.getKey() + "' in " + file + ": " + ex.getMessage(), ex);
                }
            }
            return new PretrainedWeights(FORMAT, file.toString(), FileChecksums.sha256(file), tensors);
        }
    }

    private static NamedTensor readTensor(FileChannel ch, Path file, String name, JsonObject info, long dataStart, long dataSize)
            throws IOException {
        String where = "tensor '" + name + "' in " + file;
        if (!info.has("dtype") || !info.has("shape") || !info.has("data_offsets")) {
            throw new IOException(where + " lacks dtype, shape or data_offsets");
        }
        String dtype = info.get("dtype").getAsString();
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            case "F64", "I64" -> 8;
            case "I32" -> 4;
            case "U8", "I8", "BOOL" -> 1;
            default -> throw new IOException(where + " has unsupported dtype " + dtype + " (F32, F16, BF16, F64 and integers are read)");
        };
        JsonArray dims = info.getAsJsonArray("shape");
        long[] shape = new long[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).getAsLong();
            count *= shape[i];
        }
        JsonArray off = info.getAsJsonArray("data_offsets");
        long begin = off.get(0).getAsLong();
        long end = off.get(1).getAsLong();
        if (begin < 0 || end < begin || end > dataSize || end - begin != count * width) {
            throw new IOException(where + " has data_offsets [" + begin + ", " + end + "] that do not fit its " + dtype
                    + " shape " + java.util.Arrays.toString(shape) + " or the data section of " + dataSize + " bytes");
        }
        if (count > Integer.MAX_VALUE) {
            throw new IOException(where + " is too large (" + count + " values)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + begin, file);
        buf.flip();
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dtype) {
                case "F32" -> buf.getFloat();
                case "F16" -> HalfPrecision.halfToFloat(buf.getShort());
                case "BF16" -> HalfPrecision.bfloat16ToFloat(buf.getShort());
                case "F64" -> (float) buf.getDouble();
                case "I64" -> (float) buf.getLong();
                case "I32" -> (float) buf.getInt();
                case "I16" -> (float) buf.getShort();
                case "U8", "BOOL" -> (float) Byte.toUnsignedInt(buf.get());
                default -> (float) buf.get();
            };
        }
        return new NamedTensor(name, shape, values);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos + ": " + file);
            }
            pos += n;
        }
    }
}
