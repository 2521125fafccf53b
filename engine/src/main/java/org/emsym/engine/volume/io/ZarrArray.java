package org.emsym.engine.volume.io;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32C;
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
 * One 3-D (z, y, x) Zarr array on disk, Zarr v2 ({@code .zarray}) or v3 ({@code zarr.json}): its metadata and its
 * chunks. What is read and written:
 * <ul>
 * <li>dtypes uint8, uint16 (either byte order) and float32 (either byte order);
 * <li>compressors raw (none), {@code gzip}, {@code zlib} (v2; v3 reads {@code numcodecs.zlib}) and {@code zstd};
 *     v3 also reads {@code crc32c} checksums (verified) and the {@code transpose} codec, v2 also reads
 *     {@code order: "F"}. Other codecs, {@code blosc} and v3 {@code sharding_indexed} among them, fail with a
 *     message naming the codec;
 * <li>chunk keys with {@code .} or {@code /} separators (v2 {@code dimension_separator}; v3
 *     {@code chunk_key_encoding} {@code default}, keys {@code c/z/y/x}, or {@code v2}, keys {@code z.y.x});
 * <li>chunk shapes that do not divide the array (edge chunks are stored whole, as the spec says).
 * </ul>
 * A missing chunk reads as the fill value. Chunks are written one file each, atomically ({@link AtomicFiles}),
 * so a reader never sees half a chunk.
 *
 * <p>Public so that block-wise writers (e.g. {@code org.emsym.engine.predict.BlockwisePredictor}) can write
 * and test single chunks; whole volumes go through {@link ZarrWriter} and {@link VolumeReaders}.
 */
public final class ZarrArray {

    static final com.google.gson.Gson GSON = new com.google.gson.GsonBuilder().setPrettyPrinting().serializeNulls().create();

    /** Compressors this implementation reads and writes. */
    public enum Codec {
        RAW, GZIP, ZLIB, ZSTD;

        /**
         * {@code raw}/{@code none}, {@code gzip}, {@code zlib} or {@code zstd} (any case).
         *
         * @throws IllegalArgumentException naming the codec otherwise ({@code blosc} with why)
         */
        public static Codec parse(String name) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            return switch (n) {
                case "raw", "none" -> RAW;
                case "gzip" -> GZIP;
                case "zlib" -> ZLIB;
                case "zstd" -> ZSTD;
                case "blosc" -> throw new IllegalArgumentException(BLOSC);
                default -> throw new IllegalArgumentException("compressor '" + name
                        + "' not supported; expected raw, gzip, zlib or zstd");
            };
        }

        /** The lower-case name options and metadata use. */
        public String id() {
            return this == RAW ? "raw" : name().toLowerCase(Locale.ROOT);
        }
    }

    static final String BLOSC = "compressor 'blosc' not supported: no blosc library for the JVM is available from"
            + " Maven Central without a system libblosc; rewrite the array with zstd, gzip or zlib"
            + " (e.g. numcodecs.Zstd)";

    final Path dir;
    final VolumeShape shape;
    final int[] chunks;
    final PixelType type;
    final ByteOrder order;
    final Codec codec;
    final int level;
    final String separator;
    final double fill;
    final ZarrFormat format;
    /** Prepended to chunk keys: {@code ""} (v2, v3 "v2" encoding) or {@code "c" + separator} (v3 default). */
    private final String keyPrefix;
    /** Stored axis i is chunk axis {@code transpose[i]}; null when chunks are stored C-order. */
    private final int[] transpose;
    /** v3 {@code crc32c} after the compressor: 4 little-endian checksum bytes end each chunk. */
    private final boolean crc32c;
    /** The metadata file, for messages. */
    private final Path meta;

    private ZarrArray(Path dir, VolumeShape shape, int[] chunks, PixelType type, ByteOrder order, Codec codec,
                      int level, String separator, double fill, ZarrFormat format, String keyPrefix,
                      int[] transpose, boolean crc32c) {
        this.dir = dir;
        this.shape = shape;
        this.chunks = chunks;
        this.type = type;
        this.order = order;
        this.codec = codec;
        this.level = level;
        this.separator = separator;
        this.fill = fill;
        this.format = format;
        this.keyPrefix = keyPrefix;
        this.transpose = transpose;
        this.crc32c = crc32c;
        this.meta = dir.resolve(format == ZarrFormat.V2 ? ".zarray" : "zarr.json");
    }

    /** Whether {@code dir} holds array metadata of either format. */
    public static boolean isArray(Path dir) {
        if (Files.isRegularFile(dir.resolve(".zarray"))) {
            return true;
        }
        Path json = dir.resolve("zarr.json");
        if (!Files.isRegularFile(json)) {
            return false;
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
            return o.has("node_type") && "array".equals(o.get("node_type").getAsString());
        } catch (IOException | RuntimeException e) {
            return true; // let open() name the problem
        }
    }

    /** Reads and checks {@code dir/.zarray} (Zarr v2) or {@code dir/zarr.json} (Zarr v3). */
    public static ZarrArray open(Path dir) throws IOException {
        Path v2 = dir.resolve(".zarray");
        if (Files.isRegularFile(v2)) {
            return openV2(dir, v2);
        }
        Path v3 = dir.resolve("zarr.json");
        if (Files.isRegularFile(v3)) {
            return openV3(dir, v3);
        }
        throw VolumeFormatException.of(v2, "missing (and no zarr.json); not a Zarr v2 or v3 array");
    }

    private static JsonObject json(Path meta) throws IOException {
        try {
            return JsonParser.parseString(Files.readString(meta, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw VolumeFormatException.of(meta, "is not a JSON object", e);
        }
    }

    private static ZarrArray openV2(Path dir, Path meta) throws IOException {
        JsonObject o = json(meta);
        try {
            if (!o.has("zarr_format") || o.get("zarr_format").getAsInt() != 2) {
                throw VolumeFormatException.of(meta, "zarr_format must be 2, got " + o.get("zarr_format"));
            }
            int[] shape = ints(meta, o, "shape");
            int[] chunks = ints(meta, o, "chunks");
            checkShapes(meta, shape, chunks, o.get("shape"), o.get("chunks"));
            String dtype = o.has("dtype") && o.get("dtype").isJsonPrimitive() ? o.get("dtype").getAsString() : "";
            ByteOrder order = dtype.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            PixelType type = switch (dtype.replaceFirst("^[<>|=]", "")) {
                case "u1" -> PixelType.UINT8;
                case "u2" -> PixelType.UINT16;
                case "f4" -> PixelType.FLOAT32;
                default -> throw VolumeFormatException.of(meta, "dtype '" + dtype
                        + "' not supported; expected uint8 (|u1), uint16 (<u2, >u2) or float32 (<f4, >f4)");
            };
            int[] transpose = null;
            String memoryOrder = o.has("order") ? o.get("order").getAsString() : "C";
            if ("F".equals(memoryOrder)) {
                transpose = new int[] {2, 1, 0};
            } else if (!"C".equals(memoryOrder)) {
                throw VolumeFormatException.of(meta, "order '" + memoryOrder + "' not supported; expected C or F");
            }
            if (o.has("filters") && !o.get("filters").isJsonNull() && o.getAsJsonArray("filters").size() > 0) {
                throw VolumeFormatException.of(meta, "filters " + o.get("filters") + " not supported");
            }
            Codec codec = Codec.RAW;
            int level = 0;
            JsonElement comp = o.get("compressor");
            if (comp != null && !comp.isJsonNull()) {
                JsonObject c = comp.getAsJsonObject();
                String id = c.has("id") ? c.get("id").getAsString() : "";
                codec = switch (id) {
                    case "gzip" -> Codec.GZIP;
                    case "zlib" -> Codec.ZLIB;
                    case "zstd" -> Codec.ZSTD;
                    case "blosc" -> throw VolumeFormatException.of(meta, BLOSC);
                    default -> throw VolumeFormatException.of(meta, "compressor '" + id
                            + "' not supported; expected none, gzip, zlib or zstd");
                };
                if (c.has("level")) {
                    level = c.get("level").getAsInt();
                }
            }
            String separator = o.has("dimension_separator") ? o.get("dimension_separator").getAsString() : ".";
            if (!separator.equals(".") && !separator.equals("/")) {
                throw VolumeFormatException.of(meta, "dimension_separator must be '.' or '/', got '" + separator + "'");
            }
            double fill = fillValue(meta, o.get("fill_value"));
            return new ZarrArray(dir, shape(meta, shape), chunks, type, order, codec, level, separator, fill,
                    ZarrFormat.V2, "", transpose, false);
        } catch (RuntimeException e) {
            throw VolumeFormatException.of(meta, "malformed Zarr v2 array metadata", e);
        }
    }

    private static ZarrArray openV3(Path dir, Path meta) throws IOException {
        JsonObject o = json(meta);
        try {
            if (!o.has("zarr_format") || o.get("zarr_format").getAsInt() != 3) {
                throw VolumeFormatException.of(meta, "zarr_format must be 3, got " + o.get("zarr_format"));
            }
            String node = o.has("node_type") ? o.get("node_type").getAsString() : "";
            if (!"array".equals(node)) {
                throw VolumeFormatException.of(meta, "node_type is '" + node + "', not 'array'");
            }
            int[] shape = ints(meta, o, "shape");
            JsonObject grid = o.getAsJsonObject("chunk_grid");
            if (grid == null || !"regular".equals(grid.get("name").getAsString())) {
                throw VolumeFormatException.of(meta, "chunk_grid " + o.get("chunk_grid")
                        + " not supported; expected 'regular'");
            }
            int[] chunks = ints(meta, grid.getAsJsonObject("configuration"), "chunk_shape");
            checkShapes(meta, shape, chunks, o.get("shape"), grid.get("configuration"));
            String dtype = o.has("data_type") && o.get("data_type").isJsonPrimitive()
                    ? o.get("data_type").getAsString() : String.valueOf(o.get("data_type"));
            PixelType type = switch (dtype) {
                case "uint8" -> PixelType.UINT8;
                case "uint16" -> PixelType.UINT16;
                case "float32" -> PixelType.FLOAT32;
                default -> throw VolumeFormatException.of(meta, "data_type '" + dtype
                        + "' not supported; expected uint8, uint16 or float32");
            };
            String encoding = "default";
            String separator = "/";
            JsonObject keys = o.getAsJsonObject("chunk_key_encoding");
            if (keys != null) {
                encoding = keys.get("name").getAsString();
                separator = encoding.equals("v2") ? "." : "/";
                JsonObject conf = keys.getAsJsonObject("configuration");
                if (conf != null && conf.has("separator")) {
                    separator = conf.get("separator").getAsString();
                }
            }
            if (!encoding.equals("default") && !encoding.equals("v2")) {
                throw VolumeFormatException.of(meta, "chunk_key_encoding '" + encoding
                        + "' not supported; expected default or v2");
            }
            if (!separator.equals(".") && !separator.equals("/")) {
                throw VolumeFormatException.of(meta, "chunk key separator must be '.' or '/', got '" + separator + "'");
            }
            if (o.has("storage_transformers") && o.getAsJsonArray("storage_transformers").size() > 0) {
                throw VolumeFormatException.of(meta, "storage_transformers " + o.get("storage_transformers")
                        + " not supported");
            }
            if (!o.has("codecs") || !o.get("codecs").isJsonArray()) {
                throw VolumeFormatException.of(meta, "'codecs' missing or not an array");
            }
            int[] transpose = null;
            ByteOrder order = null;
            Codec codec = Codec.RAW;
            int level = 0;
            boolean crc = false;
            int stage = 0; // 0: array->array, 1: after array->bytes, 2: after compressor, 3: after crc32c
            for (JsonElement e : o.getAsJsonArray("codecs")) {
                JsonObject c = e.getAsJsonObject();
                String name = c.get("name").getAsString();
                JsonObject conf = c.has("configuration") ? c.getAsJsonObject("configuration") : new JsonObject();
                switch (name) {
                    case "transpose" -> {
                        require(meta, stage == 0 && transpose == null, name);
                        transpose = permutation(meta, conf.get("order"));
                    }
                    case "bytes", "endian" -> {
                        require(meta, stage == 0, name);
                        String endian = conf.has("endian") ? conf.get("endian").getAsString() : "little";
                        order = endian.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                        if (!endian.equals("big") && !endian.equals("little")) {
                            throw VolumeFormatException.of(meta, "bytes codec endian '" + endian + "' not supported");
                        }
                        stage = 1;
                    }
                    case "gzip", "zstd", "numcodecs.zlib" -> {
                        require(meta, stage == 1, name);
                        codec = name.equals("gzip") ? Codec.GZIP : name.equals("zstd") ? Codec.ZSTD : Codec.ZLIB;
                        level = conf.has("level") ? conf.get("level").getAsInt() : 0;
                        stage = 2;
                    }
                    case "crc32c" -> {
                        require(meta, stage >= 1 && stage < 3, name);
                        crc = true;
                        stage = 3;
                    }
                    case "blosc" -> throw VolumeFormatException.of(meta, BLOSC.replace("compressor", "codec"));
                    case "sharding_indexed" -> throw VolumeFormatException.of(meta, "codec 'sharding_indexed' not"
                            + " supported (sharded arrays); rewrite the array unsharded");
                    default -> throw VolumeFormatException.of(meta, "codec '" + name + "' not supported; expected"
                            + " transpose, bytes, gzip, zstd, numcodecs.zlib or crc32c");
                }
            }
            if (stage == 0) {
                if (type != PixelType.UINT8) {
                    throw VolumeFormatException.of(meta, "codecs " + o.get("codecs")
                            + " have no array-to-bytes codec ('bytes')");
                }
                order = ByteOrder.LITTLE_ENDIAN;
            }
            double fill = fillValue(meta, o.get("fill_value"));
            return new ZarrArray(dir, shape(meta, shape), chunks, type, order, codec, level, separator, fill,
                    ZarrFormat.V3, encoding.equals("default") ? "c" + separator : "", transpose, crc);
        } catch (RuntimeException e) {
            throw VolumeFormatException.of(meta, "malformed Zarr v3 array metadata", e);
        }
    }

    private static void require(Path meta, boolean ok, String codec) throws VolumeFormatException {
        if (!ok) {
            throw VolumeFormatException.of(meta, "codec '" + codec + "' is out of place in the codec chain"
                    + " (expected transpose, then bytes, then one compressor, then crc32c)");
        }
    }

    private static int[] permutation(Path meta, JsonElement e) throws VolumeFormatException {
        int[] p;
        if (e != null && e.isJsonPrimitive() && e.getAsString().equals("C")) {
            p = new int[] {0, 1, 2};
        } else if (e != null && e.isJsonPrimitive() && e.getAsString().equals("F")) {
            p = new int[] {2, 1, 0};
        } else if (e != null && e.isJsonArray() && e.getAsJsonArray().size() == 3) {
            JsonArray a = e.getAsJsonArray();
            p = new int[] {a.get(0).getAsInt(), a.get(1).getAsInt(), a.get(2).getAsInt()};
        } else {
            throw VolumeFormatException.of(meta, "transpose order " + e + " is not a permutation of [0, 1, 2]");
        }
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        if (!Arrays.equals(sorted, new int[] {0, 1, 2})) {
            throw VolumeFormatException.of(meta, "transpose order " + e + " is not a permutation of [0, 1, 2]");
        }
        return Arrays.equals(p, new int[] {0, 1, 2}) ? null : p;
    }

    private static void checkShapes(Path meta, int[] shape, int[] chunks, JsonElement s, JsonElement c)
            throws VolumeFormatException {
        if (shape.length != 3 || chunks.length != 3) {
            throw VolumeFormatException.of(meta, "expected a 3-D (z, y, x) array, got shape " + s + " chunks " + c);
        }
        for (int k : chunks) {
            if (k <= 0) {
                throw VolumeFormatException.of(meta, "chunk sizes must be positive, got " + c);
            }
        }
        if ((long) chunks[0] * chunks[1] * chunks[2] * 4 > Integer.MAX_VALUE) {
            throw VolumeFormatException.of(meta, "chunk " + c + " is too large (over 2 GiB as float32)");
        }
    }

    private static VolumeShape shape(Path meta, int[] shape) throws VolumeFormatException {
        try {
            return new VolumeShape(shape[0], shape[1], shape[2]);
        } catch (IllegalArgumentException e) {
            throw VolumeFormatException.of(meta, "bad shape", e);
        }
    }

    private static double fillValue(Path meta, JsonElement f) throws VolumeFormatException {
        if (f == null || f.isJsonNull()) {
            return 0;
        }
        String s = f.getAsString();
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        try {
            if (s.startsWith("0x")) { // v3: the float's bytes as hex
                long bits = Long.parseUnsignedLong(s.substring(2), 16);
                return s.length() <= 10 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw VolumeFormatException.of(meta, "fill_value " + f + " is not a number", e);
        }
    }

    /** Writes {@code dir/.zarray} (atomically) for a new Zarr v2 array and returns it. */
    public static ZarrArray create(Path dir, VolumeShape shape, int[] chunks, PixelType type, Codec codec, int level,
                            String separator) throws IOException {
        return create(dir, shape, chunks, type, codec, level, separator, ZarrFormat.V2);
    }

    /**
     * Writes the metadata of a new array (atomically): {@code dir/.zarray} for {@link ZarrFormat#V2},
     * {@code dir/zarr.json} for {@link ZarrFormat#V3} (codecs {@code bytes} little-endian and the compressor;
     * chunk key encoding {@code default}, keys {@code c/z/y/x} with separator {@code "/"} or {@code c.z.y.x}).
     *
     * @throws VolumeFormatException naming {@code dir} for bad chunks, a separator other than "." and "/", or
     *     zlib in v3 (not a Zarr v3 codec; use gzip or zstd)
     */
    public static ZarrArray create(Path dir, VolumeShape shape, int[] chunks, PixelType type, Codec codec, int level,
                                   String separator, ZarrFormat format) throws IOException {
        if (chunks.length != 3 || chunks[0] <= 0 || chunks[1] <= 0 || chunks[2] <= 0) {
            throw VolumeFormatException.of(dir, "chunk shape must be three positive sizes (z, y, x), got "
                    + Arrays.toString(chunks));
        }
        if (!".".equals(separator) && !"/".equals(separator)) {
            throw VolumeFormatException.of(dir, "chunk key separator must be '.' or '/', got '" + separator + "'");
        }
        if (format == ZarrFormat.V3 && codec == Codec.ZLIB) {
            throw VolumeFormatException.of(dir, "zlib is not a Zarr v3 codec; use gzip or zstd for Zarr v3");
        }
        ZarrArray a = new ZarrArray(dir, shape, chunks.clone(), type, ByteOrder.LITTLE_ENDIAN, codec, level,
                separator, 0, format, format == ZarrFormat.V3 ? "c" + separator : "", null, false);
        JsonObject o = new JsonObject();
        String name;
        if (format == ZarrFormat.V2) {
            name = ".zarray";
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
                c.addProperty("id", codec.id());
                c.addProperty("level", level);
                o.add("compressor", c);
            }
            o.addProperty("fill_value", 0);
            o.addProperty("order", "C");
            o.add("filters", null);
            o.addProperty("dimension_separator", separator);
        } else {
            name = "zarr.json";
            o.addProperty("zarr_format", 3);
            o.addProperty("node_type", "array");
            o.add("shape", array(shape.depth(), shape.height(), shape.width()));
            o.addProperty("data_type", type.name().toLowerCase(Locale.ROOT));
            JsonObject grid = new JsonObject();
            grid.addProperty("name", "regular");
            JsonObject gc = new JsonObject();
            gc.add("chunk_shape", array(chunks));
            grid.add("configuration", gc);
            o.add("chunk_grid", grid);
            JsonObject keys = new JsonObject();
            keys.addProperty("name", "default");
            JsonObject kc = new JsonObject();
            kc.addProperty("separator", separator);
            keys.add("configuration", kc);
            o.add("chunk_key_encoding", keys);
            o.addProperty("fill_value", 0);
            JsonArray codecs = new JsonArray();
            JsonObject bytes = new JsonObject();
            bytes.addProperty("name", "bytes");
            JsonObject bc = new JsonObject();
            bc.addProperty("endian", "little");
            bytes.add("configuration", bc);
            codecs.add(bytes);
            if (codec != Codec.RAW) {
                JsonObject c = new JsonObject();
                c.addProperty("name", codec.id());
                JsonObject cc = new JsonObject();
                cc.addProperty("level", level);
                if (codec == Codec.ZSTD) {
                    cc.addProperty("checksum", false);
                }
                c.add("configuration", cc);
                codecs.add(c);
            }
            o.add("codecs", codecs);
            o.add("attributes", new JsonObject());
            JsonArray names = new JsonArray();
            names.add("z");
            names.add("y");
            names.add("x");
            o.add("dimension_names", names);
        }
        AtomicFiles.write(dir.resolve(name), GSON.toJson(o).getBytes(StandardCharsets.UTF_8));
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

    /** Zarr v2 or v3. */
    public ZarrFormat format() {
        return format;
    }

    /** The compressor of the chunks. */
    public Codec codec() {
        return codec;
    }

    /** The value of voxels in missing chunks. */
    public double fillValue() {
        return fill;
    }

    /** Chunks along {@code axis} (0 = z, 1 = y, 2 = x), counting a partial edge chunk. */
    public int chunkCount(int axis) {
        int extent = axis == 0 ? shape.depth() : axis == 1 ? shape.height() : shape.width();
        return (extent + chunks[axis] - 1) / chunks[axis];
    }

    public Path chunkPath(int cz, int cy, int cx) {
        return dir.resolve(keyPrefix + cz + separator + cy + separator + cx);
    }

    public boolean hasChunk(int cz, int cy, int cx) {
        return Files.isRegularFile(chunkPath(cz, cy, cx));
    }

    public int chunkVoxels() {
        return chunks[0] * chunks[1] * chunks[2];
    }

    /** Decoded chunk as floats in C order (a whole chunk, edge chunks padded as stored), or null if it is missing. */
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
                    + " per " + meta.getFileName() + "); truncated or dtype mismatch");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(order);
        float[] out = new float[n];
        switch (type) {
            case UINT8 -> { for (int i = 0; i < n; i++) out[i] = raw[i] & 0xff; }
            case UINT16 -> { for (int i = 0; i < n; i++) out[i] = b.getShort(2 * i) & 0xffff; }
            case FLOAT32 -> { for (int i = 0; i < n; i++) out[i] = b.getFloat(4 * i); }
        }
        return transpose == null ? out : untranspose(out);
    }

    /** Stored (transposed) C-order values back to the chunk's own C order. */
    private float[] untranspose(float[] stored) {
        int[] sd = {chunks[transpose[0]], chunks[transpose[1]], chunks[transpose[2]]};
        float[] out = new float[stored.length];
        int[] idx = new int[3];
        for (idx[0] = 0; idx[0] < chunks[0]; idx[0]++) {
            for (idx[1] = 0; idx[1] < chunks[1]; idx[1]++) {
                for (idx[2] = 0; idx[2] < chunks[2]; idx[2]++) {
                    int s = (idx[transpose[0]] * sd[1] + idx[transpose[1]]) * sd[2] + idx[transpose[2]];
                    out[(idx[0] * chunks[1] + idx[1]) * chunks[2] + idx[2]] = stored[s];
                }
            }
        }
        return out;
    }

    /**
     * Reads the box {@code [z0, z1) x [y0, y1) x [x0, x1)} (inside the array) as one C-order array, chunk by
     * chunk; voxels of missing chunks are the fill value.
     *
     * @throws IndexOutOfBoundsException if the box is empty or leaves the array
     */
    public float[] readRegion(int z0, int z1, int y0, int y1, int x0, int x1) throws IOException {
        if (z0 < 0 || y0 < 0 || x0 < 0 || z1 > shape.depth() || y1 > shape.height() || x1 > shape.width()
                || z0 >= z1 || y0 >= y1 || x0 >= x1) {
            throw new IndexOutOfBoundsException("region [" + z0 + ", " + z1 + ") x [" + y0 + ", " + y1 + ") x [" + x0
                    + ", " + x1 + ") is empty or outside " + dir + " of shape " + shape);
        }
        int d = z1 - z0;
        int h = y1 - y0;
        int w = x1 - x0;
        float[] out = new float[d * h * w];
        if (fill != 0) {
            Arrays.fill(out, (float) fill);
        }
        int[] c = chunks;
        for (int cz = z0 / c[0]; cz <= (z1 - 1) / c[0]; cz++) {
            for (int cy = y0 / c[1]; cy <= (y1 - 1) / c[1]; cy++) {
                for (int cx = x0 / c[2]; cx <= (x1 - 1) / c[2]; cx++) {
                    float[] chunk = readChunk(cz, cy, cx);
                    if (chunk == null) {
                        continue;
                    }
                    int zs = Math.max(z0, cz * c[0]);
                    int ze = Math.min(z1, (cz + 1) * c[0]);
                    int ys = Math.max(y0, cy * c[1]);
                    int ye = Math.min(y1, (cy + 1) * c[1]);
                    int xs = Math.max(x0, cx * c[2]);
                    int len = Math.min(x1, (cx + 1) * c[2]) - xs;
                    for (int z = zs; z < ze; z++) {
                        for (int y = ys; y < ye; y++) {
                            System.arraycopy(chunk, ((z - cz * c[0]) * c[1] + y - cy * c[1]) * c[2] + xs - cx * c[2],
                                    out, ((z - z0) * h + y - y0) * w + xs - x0, len);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Encodes a whole chunk of values (already clamped and rounded for integer types) and writes it atomically. */
    public void writeChunk(int cz, int cy, int cx, float[] values) throws IOException {
        int n = chunkVoxels();
        if (values.length != n) {
            throw new IllegalArgumentException("chunk (" + cz + ", " + cy + ", " + cx + ") of " + dir + " needs " + n
                    + " values, got " + values.length);
        }
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
        if (crc32c) {
            if (stored.length < 4) {
                throw VolumeFormatException.of(p, "chunk of " + stored.length + " bytes has no crc32c checksum; truncated");
            }
            CRC32C crc = new CRC32C();
            crc.update(stored, 0, stored.length - 4);
            int want = ByteBuffer.wrap(stored, stored.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if ((int) crc.getValue() != want) {
                throw VolumeFormatException.of(p, "crc32c checksum mismatch; truncated or corrupt chunk");
            }
            stored = Arrays.copyOf(stored, stored.length - 4);
        }
        try {
            switch (codec) {
                case RAW:
                    return stored;
                case GZIP:
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
                        return in.readAllBytes();
                    }
                case ZSTD:
                    try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(stored))) {
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
        } catch (IOException | DataFormatException | RuntimeException e) {
            throw VolumeFormatException.of(p, "cannot decode " + codec.id() + " chunk (truncated or corrupt)", e);
        }
    }

    private byte[] encode(byte[] raw) throws IOException {
        byte[] out = switch (codec) {
            case RAW -> raw;
            case ZSTD -> Zstd.compress(raw, level);
            case GZIP -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (GZIPOutputStream g = new GZIPOutputStream(bytes) {
                    {
                        def.setLevel(level);
                    }
                }) {
                    g.write(raw);
                }
                yield bytes.toByteArray();
            }
            case ZLIB -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                Deflater d = new Deflater(level);
                try (DeflaterOutputStream z = new DeflaterOutputStream(bytes, d)) {
                    z.write(raw);
                } finally {
                    d.end();
                }
                yield bytes.toByteArray();
            }
        };
        if (crc32c) {
            CRC32C crc = new CRC32C();
            crc.update(out);
            out = Arrays.copyOf(out, out.length + 4);
            ByteBuffer.wrap(out, out.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        }
        return out;
    }

    private static int[] ints(Path meta, JsonObject o, String key) throws VolumeFormatException {
        if (o == null || !o.has(key) || !o.get(key).isJsonArray()) {
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
