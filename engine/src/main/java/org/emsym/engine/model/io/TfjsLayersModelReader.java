package org.emsym.engine.model.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.util.FileChecksums;

/**
 * Reads the weights of a TensorFlow.js layers model: {@code model.json} with its {@code weightsManifest}
 * and the little-endian binary shards it lists. Stored dtypes float32, and float16 / uint8 / uint16
 * quantization ({@code w = q * scale + min}, as TF.js decodes it); names are kept as the manifest writes
 * them (Keras naming, e.g. {@code Conv1/kernel}); layouts are converted by {@link KerasTensorLayout}.
 * Everything is validated before a {@link PretrainedWeights} is returned, so a bad file loads nothing.
 */
public final class TfjsLayersModelReader {

    public static final String FORMAT = "tfjs-layers";

    private TfjsLayersModelReader() {
    }

    /**
     * @param modelJson path of {@code model.json}; shards are resolved relative to its folder
     * @throws IOException when model.json or a shard cannot be read (the message names the file)
     * @throws IllegalArgumentException when the content is not a valid layers model, naming file and tensor
     */
    public static PretrainedWeights read(Path modelJson) throws IOException {
        JsonObject root = parse(modelJson);
        JsonElement manifestElement = root.get("weightsManifest");
        if (manifestElement == null || !manifestElement.isJsonArray()) {
            throw new IllegalArgumentException("not a TF.js layers model (no weightsManifest array): " + modelJson);
        }
        List<Path> files = new ArrayList<>(List.of(modelJson));
        Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        try {
            readGroups(modelJson, manifestElement.getAsJsonArray(), files, tensors);
        } catch (IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            // gson's reaction to a value of the wrong JSON type
            throw new IllegalArgumentException("malformed weightsManifest in " + modelJson + ": " + e.getMessage(), e);
        }
        return new PretrainedWeights(FORMAT, modelJson.toString(), FileChecksums.sha256(files), tensors);
    }

    private static void readGroups(Path modelJson, JsonArray manifest, List<Path> files, Map<String, NamedTensor> tensors)
            throws IOException {
        Path folder = modelJson.toAbsolutePath().getParent();
        for (JsonElement groupElement : manifest) {
            JsonObject group = object(modelJson, groupElement, "weightsManifest entry");
            List<Path> shards = new ArrayList<>();
            for (JsonElement p : array(modelJson, group, "paths")) {
                shards.add(folder.resolve(p.getAsString()));
            }
            files.addAll(shards);
            ByteBuffer data = readShards(modelJson, shards);
            for (JsonElement specElement : array(modelJson, group, "weights")) {
                NamedTensor t = decode(modelJson, object(modelJson, specElement, "weight spec"), data);
                if (tensors.put(t.name(), t) != null) {
                    throw new IllegalArgumentException("tensor '" + t.name() + "' listed twice in " + modelJson);
                }
            }
            if (data.hasRemaining()) {
                throw new IllegalArgumentException("weight shards " + shards + " of " + modelJson + " hold "
                        + data.remaining() + " bytes more than the manifest lists");
            }
        }
    }

    private static JsonObject parse(Path modelJson) throws IOException {
        try (Reader r = Files.newBufferedReader(modelJson, StandardCharsets.UTF_8)) {
            JsonElement e = JsonParser.parseReader(r);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("not a TF.js model.json (top level is not an object): " + modelJson);
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not a TF.js model.json (invalid JSON: " + e.getMessage() + "): " + modelJson, e);
        }
    }

    private static JsonObject object(Path modelJson, JsonElement e, String what) {
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException("malformed weightsManifest in " + modelJson + ": " + what + " is not an object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(Path modelJson, JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException("malformed weightsManifest in " + modelJson + ": no '" + key + "' array in " + o);
        }
        return e.getAsJsonArray();
    }

    private static String string(Path modelJson, JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            throw new IllegalArgumentException("malformed weightsManifest in " + modelJson + ": no '" + key + "' in " + o);
        }
        return e.getAsString();
    }

    private static ByteBuffer readShards(Path modelJson, List<Path> shards) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (Path shard : shards) {
            if (!Files.isRegularFile(shard)) {
                throw new NoSuchFileException(shard.toString(), null, "weight shard listed in " + modelJson + " is missing");
            }
            byte[] bytes = Files.readAllBytes(shard);
            parts.add(bytes);
            total = Math.addExact(total, bytes.length);
        }
        ByteBuffer all = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(all::put);
        return all.flip();
    }

    private static NamedTensor decode(Path modelJson, JsonObject spec, ByteBuffer data) {
        String name = string(modelJson, spec, "name");
        JsonArray shapeJson = array(modelJson, spec, "shape");
        long[] shape = new long[shapeJson.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeJson.get(i).getAsLong();
            if (shape[i] < 0 || (count *= shape[i]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor '" + name + "' in " + modelJson + " has invalid shape " + shapeJson);
            }
        }
        String dtype = string(modelJson, spec, "dtype");
        if (!dtype.equals("float32")) {
            throw new IllegalArgumentException("tensor '" + name + "' in " + modelJson + " has dtype " + dtype
                    + "; only float32 weights are supported");
        }
        JsonObject quantization = spec.has("quantization") ? object(modelJson, spec.get("quantization"), "quantization of " + name) : null;
        String stored = quantization == null ? dtype : string(modelJson, quantization, "dtype");
        if ((stored.equals("uint8") || stored.equals("uint16")) && !(quantization.has("scale") && quantization.has("min"))) {
            throw new IllegalArgumentException("tensor '" + name + "' in " + modelJson + " is " + stored
                    + "-quantized without scale and min");
        }
        int bytesPerValue = switch (stored) {
            case "float32" -> 4;
            case "float16", "uint16" -> 2;
            case "uint8" -> 1;
            default -> throw new IllegalArgumentException("tensor '" + name + "' in " + modelJson
                    + " has unsupported quantization dtype " + stored);
        };
        if (count * bytesPerValue > data.remaining()) {
            throw new IllegalArgumentException("tensor '" + name + "' of shape " + Arrays.toString(shape)
                    + " needs " + count * bytesPerValue + " bytes but the shards of " + modelJson + " have only "
                    + data.remaining() + " left");
        }
        float[] values = new float[(int) count];
        double scale = quantization != null && quantization.has("scale") ? quantization.get("scale").getAsDouble() : 1;
        double min = quantization != null && quantization.has("min") ? quantization.get("min").getAsDouble() : 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (stored) {
                case "float32" -> data.getFloat();
                case "float16" -> HalfPrecision.halfToFloat(data.getShort());
                case "uint16" -> (float) ((data.getShort() & 0xffff) * scale + min);
                default -> (float) ((data.get() & 0xff) * scale + min);
            };
        }
        return KerasTensorLayout.toEngineLayout(name, shape, values);
    }
}
