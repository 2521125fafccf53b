package org.emsym.engine.volume.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;

/**
 * One 3-D (z, y, x) Zarr v2 array on disk: its {@code .zarray} metadata and its chunks. Chunks are C-order,
 * compressed with raw (no compressor), {@code gzip} or {@code zlib} (the JDK's); other codecs fail with a
 * message naming the codec. A missing chunk reads as the fill value. Chunks are written one file each,
 * atomically ({@link AtomicFiles}), so a reader never sees half a chunk.
 *
 * <p>Public so that block-wise writers (e.g. {@code org.emsym.engine.predict.BlockwisePredictor}) can write
 * and test single chunks; whole volumes go through {@link ZarrWriter} and {@link VolumeReaders}.
 */
public final class ZarrArray {

    static final com.google.gson.Gson GSON = new com.google.gson.GsonBuilder().setPrettyPrinting().serializeNulls().create();

    /** Compressors this implementation reads and writes. */
    public enum Codec { RAW, GZIP, ZLIB }

    final Path dir;
    final VolumeShape shape;
    final int[] chunks;
    final PixelType type;
    final ByteOrder order;
    final Codec codec;
    final int level;
    final String separator;
    final double fill;

    private ZarrArray(Path dir, VolumeShape shape, int[] chunks, PixelType type, ByteOrder order, Codec codec,
                      int level, String separator, double fill) {
        this.dir = dir;
        this.shape = shape;
        this.chunks = chunks;
        this.type = type;
        this.order = order;
        this.codec = codec;
        this.level = level;
        this.separator = separator;
        this.fill = fill;
    }

    /** Reads and checks {@code dir/.zarray}. */
    public static ZarrArray open(Path dir) throws IOException {
        Path meta = dir.resolve(".zarray");
        if (!Files.isRegularFile(meta)) {
            if (Files.isRegularFile(dir.resolve("zarr.json"))) {
                throw VolumeFormatException.of(dir, "is a Zarr v3 array (zarr.json); only Zarr v2 (.zarray) is supported");
            }
            throw VolumeFormatException.of(meta, "missing; not a Zarr v2 array");
        }
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(meta, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw VolumeFormatException.of(meta, "is not a JSON object", e);
        }
        if (!o.has("zarr_format") || o.get("zarr_format").getAsInt() != 2) {
            throw VolumeFormatException.of(meta, "zarr_format must be 2, got " + o.get("zarr_format"));
        }
        int[] shape = ints(meta, o, "shape");
        int[] chunks = ints(meta, o, "chunks");
        if (shape.length != 3 || chunks.length != 3) {
            throw VolumeFormatException.of(meta, "expected a 3-D (z, y, x) array, got shape " + o.get("shape")
                    + " chunks " + o.get("chunks"));
        }
        for (int c : chunks) {
            if (c <= 0) {
                throw VolumeFormatException.of(meta, "chunk sizes must be positive, got " + o.get("chunks"));
            }
        }
        String dtype = o.has("dtype") ? o.get("dtype").getAsString() : "";
        PixelType type;
        ByteOrder order = dtype.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        switch (dtype.replaceFirst("^[<>|]", "")) {
            case "u1" -> type = PixelType.UINT8;
            case "u2" -> type = PixelType.UINT16;
            case "f4" -> type = PixelType.FLOAT32;
            default -> throw VolumeFormatException.of(meta, "dtype '" + dtype
                    + "' not supported; expected uint8 (|u1), uint16 (<u2, >u2) or float32 (<f4, >f4)");
        }
        if (o.has("order") && !"C".equals(o.get("order").getAsString())) {
            throw VolumeFormatException.of(meta, "order '" + o.get("order").getAsString() + "' not supported; expected C");
        }
        if (o.has("filters") && !o.get("filters").isJsonNull() && o.getAsJsonArray("filters").size() > 0) {
            throw VolumeFormatException.of(meta, "filters " + o.get("filters") + " not supported");
        }
        Codec codec = Codec.RAW;
        int level = 0;
        JsonElement comp = o.get("compressor");
        if (comp != null && !comp.isJsonNull()) {
            String id = comp.getAsJsonObject().get("id").getAsString();
            codec = switch (id) {
                case "gzip" -> Codec.GZIP;
                case "zlib" -> Codec.ZLIB;
                default -> throw VolumeFormatException.of(meta, "compressor '" + id
                        + "' not supported; expected none, gzip or zlib");
            };
            if (comp.getAsJsonObject().has("level")) {
                level = comp.getAsJsonObject().get("level").getAsInt();
            }
        }
        String separator = o.has("dimension_separator") ? o.get("dimension_separator").getAsString() : ".";
        if (!separator.equals(".") && !separator.equals("/")) {
            throw VolumeFormatException.of(meta, "dimension_separator must be '.' or '/', got '" + separator + "'");
        }
        double fill = 0;
        JsonElement f = o.get("fill_value");
        if (f != null && !f.isJsonNull()) {
            String s = f.getAsString();
            fill = s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
        }
        try {
            return new ZarrArray(dir, new VolumeShape(shape[0], shape[1], shape[2]), chunks, type, order, codec,
                    level, separator, fill);
        } catch (IllegalArgumentException e) {
            throw VolumeFormatException.of(meta, "bad shape", e);
        }
    }

    /** Writes {@code dir/.zarray} (atomically) for a new array and returns it. */
    public static ZarrArray create(Path dir, VolumeShape shape, int[] chunks, PixelType type, Codec codec, int level,
                            String separator) throws IOException {
        ZarrArray a = new ZarrArray(dir, shape, chunks.clone(), type, ByteOrder.LITTLE_ENDIAN, codec, level,
                separator, 0);
        JsonObject o = new JsonObject();
        o.addProperty("zarr_format", 2);
        o.add("shape", array(shape.depth(), shape.height(), shape.width()));
        o.add("chunks", array(chunks));
        o.addProperty("dtype", switch (type) {
            case UINT8 -> "|u1";
            case UINT16 -> "<u2";
            case FLOAT32 -> "<f4";
        });
        if (codec == Codec.RAW) {
            o.add("compressor", null);
        } else {
            JsonObject c = new JsonObject();
            c.addProperty("id", codec == Codec.GZIP ? "gzip" : "zlib");
            c.addProperty("level", level);
            o.add("compressor", c);
        }
        o.addProperty("fill_value", 0);
        o.addProperty("order", "C");
        o.add("filters", null);
        o.addProperty("dimension_separator", separator);
        AtomicFiles.write(dir.resolve(".zarray"), GSON.toJson(o).getBytes(StandardCharsets.UTF_8));
        return a;
    }

    /** The array's folder. */
    public Path dir() {
        return dir;
    }

    /** The array's (z, y, x) extent. */
    public VolumeShape shape() {
        return shape;
    }

    /** The chunk shape (z, y, x), a copy. */
    public int[] chunkShape() {
        return chunks.clone();
    }

    public PixelType pixelType() {
        return type;
    }

    /** Chunks along {@code axis} (0 = z, 1 = y, 2 = x), counting a partial edge chunk. */
    public int chunkCount(int axis) {
        int extent = axis == 0 ? shape.depth() : axis == 1 ? shape.height() : shape.width();
        return (extent + chunks[axis] - 1) / chunks[axis];
    }

    public Path chunkPath(int cz, int cy, int cx) {
        return dir.resolve(cz + separator + cy + separator + cx);
    }

    public boolean hasChunk(int cz, int cy, int cx) {
        return Files.isRegularFile(chunkPath(cz, cy, cx));
    }

    public int chunkVoxels() {
        return chunks[0] * chunks[1] * chunks[2];
    }

    /** Decoded chunk as floats (a whole chunk, edge chunks padded as stored), or null if it is missing. */
    public float[] readChunk(int cz, int cy, int cx) throws IOException {
        Path p = chunkPath(cz, cy, cx);
        byte[] stored;
        try {
            stored = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null;
        }
        byte[] raw = decode(p, stored);
        int n = chunkVoxels();
        int expected = n * type.bytesPerVoxel();
        if (raw.length != expected) {
            throw VolumeFormatException.of(p, "chunk holds " + raw.length + " bytes after decoding, expected "
                    + expected + " (" + chunks[0] + "x" + chunks[1] + "x" + chunks[2] + " " + type
                    + "); truncated or dtype mismatch");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(order);
        float[] out = new float[n];
        switch (type) {
            case UINT8 -> { for (int i = 0; i < n; i++) out[i] = raw[i] & 0xff; }
            case UINT16 -> { for (int i = 0; i < n; i++) out[i] = b.getShort(2 * i) & 0xffff; }
            case FLOAT32 -> { for (int i = 0; i < n; i++) out[i] = b.getFloat(4 * i); }
        }
        return out;
    }

    /** Encodes a whole chunk of values (already clamped and rounded for integer types) and writes it atomically. */
    public void writeChunk(int cz, int cy, int cx, float[] values) throws IOException {
        int n = chunkVoxels();
        ByteBuffer b = ByteBuffer.allocate(n * type.bytesPerVoxel()).order(order);
        for (int i = 0; i < n; i++) {
            switch (type) {
                case UINT8 -> b.put((byte) (int) values[i]);
                case UINT16 -> b.putShort((short) (int) values[i]);
                case FLOAT32 -> b.putFloat(values[i]);
            }
        }
        byte[] encoded = encode(b.array());
        AtomicFiles.write(chunkPath(cz, cy, cx), encoded);
    }

    private byte[] decode(Path p, byte[] stored) throws IOException {
        try {
            switch (codec) {
                case RAW:
                    return stored;
                case GZIP:
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
                        return in.readAllBytes();
                    }
                default:
                    Inflater inf = new Inflater();
                    try {
                        inf.setInput(stored);
                        ByteArrayOutputStream out = new ByteArrayOutputStream(chunkVoxels() * type.bytesPerVoxel());
                        byte[] buf = new byte[1 << 16];
                        while (!inf.finished()) {
                            int k = inf.inflate(buf);
                            if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                                throw new IOException("unexpected end of zlib stream");
                            }
                            out.write(buf, 0, k);
                        }
                        return out.toByteArray();
                    } finally {
                        inf.end();
                    }
            }
        } catch (IOException | DataFormatException e) {
            throw VolumeFormatException.of(p, "cannot decode " + codec.name().toLowerCase() + " chunk (truncated or corrupt)", e);
        }
    }

    private byte[] encode(byte[] raw) throws IOException {
        if (codec == Codec.RAW) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (codec == Codec.GZIP) {
            try (GZIPOutputStream g = new GZIPOutputStream(out) {
                {
                    def.setLevel(level);
                }
            }) {
                g.write(raw);
            }
        } else {
            Deflater d = new Deflater(level);
            try (DeflaterOutputStream z = new DeflaterOutputStream(out, d)) {
                z.write(raw);
            } finally {
                d.end();
            }
        }
        return out.toByteArray();
    }

    private static int[] ints(Path meta, JsonObject o, String key) throws VolumeFormatException {
        if (!o.has(key) || !o.get(key).isJsonArray()) {
            throw VolumeFormatException.of(meta, "'" + key + "' missing or not an array");
        }
        JsonArray a = o.getAsJsonArray(key);
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).getAsInt();
        }
        return r;
    }

    static JsonArray array(int... values) {
        JsonArray a = new JsonArray();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }
}
