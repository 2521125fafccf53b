package org.emsym.engine.model.io;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.util.AtomicFiles;

/** Writes float32 tensors as a {@code .safetensors} file (atomically: temp file + move). */
public final class SafetensorsWriter {

    private SafetensorsWriter() {
    }

    /**
     * @param metadata optional string pairs stored under {@code __metadata__} (may be empty)
     */
    public static void write(Path file, Collection<NamedTensor> tensors, Map<String, String> metadata) throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (NamedTensor t : tensors) {
            JsonObject info = new JsonObject();
            info.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            info.add("shape", shape);
            JsonArray off = new JsonArray();
            off.add(offset);
            offset += 4L * t.values().length;
            off.add(offset);
            info.add("data_offsets", off);
            if (header.has(t.name())) {
                throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "' for " + file);
            }
            header.add(t.name(), info);
        }
        StringBuilder json = new StringBuilder(new Gson().toJson(header));
        while ((json.toString().getBytes(StandardCharsets.UTF_8).length) % 8 != 0) {
            json.append(' '); // the format pads the header with spaces to 8-byte alignment
        }
        byte[] headerBytes = json.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, raw -> {
            BufferedOutputStream out = new BufferedOutputStream(raw, 1 << 16);
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length);
            out.write(len.array());
            out.write(headerBytes);
            for (NamedTensor t : tensors) {
                ByteBuffer b = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(t.values());
                out.write(b.array());
            }
            out.flush();
        });
    }
}
