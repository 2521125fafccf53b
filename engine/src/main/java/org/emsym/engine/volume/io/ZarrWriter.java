package org.emsym.engine.volume.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.util.AtomicTarget;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * Writes a volume as an OME-NGFF image group: NGFF 0.4 over Zarr v2 or NGFF 0.5 over Zarr v3
 * ({@link ZarrFormat}). Level {@code "0"} is the full resolution, and {@code levels - 1} more follow, each
 * halved in y and x for viewers (2x2 mean, rounded for integer types; nearest, i.e. the top-left voxel, for
 * label images). z is never downsampled (EM sections are thick).
 *
 * <p>Memory stays bounded: level 0 is written one chunk row of sections at a time (the {@link Volume} API reads
 * whole sections), and each further level is computed chunk by chunk from the level below as stored, holding one
 * output chunk and the input box it covers. The group is written into a hidden temporary folder beside the
 * target and moved into place when complete ({@link AtomicTarget}), so a failed or cancelled write leaves
 * nothing at the target.
 *
 * <p>Label images ({@link #writeLabels}) go to {@code <image>/labels/<name>} of an existing image group, with
 * {@code image-label} metadata pointing back to the image, and are listed in {@code <image>/labels}' metadata.
 */
public final class ZarrWriter {

    /** How a level is computed from the one below. */
    public enum Downsampling {
        /** Mean of each 2x2 block in y and x (edge blocks over what exists); for images. */
        MEAN,
        /** The top-left voxel of each 2x2 block; for label images, whose values must stay labels. */
        NEAREST
    }

    private final int[] chunks;
    private final ZarrArray.Codec codec;
    private final int compressionLevel;
    private final int levels;
    private final ZarrFormat format;
    private final ProgressSink progress;
    private final Cancellation cancellation;

    private ZarrWriter(Builder b) {
        this.chunks = b.chunks;
        this.codec = b.codec;
        this.compressionLevel = b.compressionLevel >= 0 ? b.compressionLevel : defaultLevel(b.codec);
        this.levels = b.levels;
        this.format = b.format;
        this.progress = b.progress;
        this.cancellation = b.cancellation;
    }

    /** This writer for another format; zlib, which Zarr v3 lacks, becomes gzip (the same deflate stream in gzip framing). */
    private ZarrWriter(ZarrWriter w, ZarrFormat format) {
        this.chunks = w.chunks;
        this.codec = format == ZarrFormat.V3 && w.codec == ZarrArray.Codec.ZLIB ? ZarrArray.Codec.GZIP : w.codec;
        this.compressionLevel = w.compressionLevel;
        this.levels = w.levels;
        this.format = format;
        this.progress = w.progress;
        this.cancellation = w.cancellation;
    }

    private static int defaultLevel(ZarrArray.Codec codec) {
        return switch (codec) {
            case RAW -> 0;
            case ZSTD -> 3;
            default -> 5;
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link ZarrWriter}; chunks default to (min(16, depth), 256, 256), zlib, 3 levels, Zarr v2. */
    public static final class Builder {
        private int[] chunks;
        private ZarrArray.Codec codec = ZarrArray.Codec.ZLIB;
        private int compressionLevel = -1;
        private int levels = 3;
        private ZarrFormat format = ZarrFormat.V2;
        private ProgressSink progress = ProgressSink.NONE;
        private Cancellation cancellation = Cancellation.NEVER;

        private Builder() {
        }

        /** Chunk shape (z, y, x); a z size over the depth is clipped to the depth. */
        public Builder setChunks(int z, int y, int x) {
            if (z <= 0 || y <= 0 || x <= 0) {
                throw new IllegalArgumentException("chunk shape must be three positive sizes (z, y, x), got " + z
                        + ", " + y + ", " + x);
            }
            this.chunks = new int[] {z, y, x};
            return this;
        }

        public Builder optCompressor(ZarrArray.Codec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** The compressor's level (gzip/zlib 0-9, zstd 1-22); default 5 (gzip, zlib) or 3 (zstd). */
        public Builder optCompressionLevel(int level) {
            this.compressionLevel = level;
            return this;
        }

        /** Scale levels including the full resolution (at least 1); fewer are written when y or x reach 1. */
        public Builder optLevels(int levels) {
            if (levels < 1) {
                throw new IllegalArgumentException("levels must be at least 1, got " + levels);
            }
            this.levels = levels;
            return this;
        }

        public Builder optFormat(ZarrFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** One report per chunk row written, over all levels. */
        public Builder optProgress(ProgressSink progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Asked before each chunk row; a cancelled write leaves nothing at the target. */
        public Builder optCancellation(Cancellation cancellation) {
            this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
            return this;
        }

        public ZarrWriter build() {
            if (format == ZarrFormat.V3 && codec == ZarrArray.Codec.ZLIB) {
                throw new IllegalArgumentException("zlib is not a Zarr v3 codec; use gzip or zstd for Zarr v3");
            }
            return new ZarrWriter(this);
        }
    }

    /**
     * Writes {@code volume} as the image group {@code group} with the default options and the given ones.
     *
     * @param chunks chunk shape (z, y, x)
     * @param compressor "raw", "gzip", "zlib" or "zstd"
     * @param levels number of scale levels (at least 1)
     */
    public static void write(Volume volume, Path group, int[] chunks, String compressor, int levels) throws IOException {
        if (chunks.length != 3 || chunks[0] <= 0 || chunks[1] <= 0 || chunks[2] <= 0) {
            throw VolumeFormatException.of(group, "chunk shape must be three positive sizes (z, y, x)");
        }
        if (levels < 1) {
            throw VolumeFormatException.of(group, "levels must be at least 1, got " + levels);
        }
        ZarrArray.Codec codec;
        try {
            codec = ZarrArray.Codec.parse(compressor);
        } catch (IllegalArgumentException e) {
            throw VolumeFormatException.of(group, e.getMessage());
        }
        builder().setChunks(chunks[0], chunks[1], chunks[2]).optCompressor(codec).optLevels(levels).build()
                .write(volume, group);
    }

    /**
     * Writes {@code volume} as the image group {@code group} (absent, or an empty folder).
     *
     * @throws VolumeFormatException naming {@code group} if it is a file or a non-empty folder
     */
    public void write(Volume volume, Path group) throws IOException {
        if (Files.isRegularFile(group)) {
            throw VolumeFormatException.of(group, "is a file; an OME-Zarr output is a folder");
        }
        if (Files.isDirectory(group)) {
            try (var entries = Files.list(group)) {
                if (entries.findAny().isPresent()) {
                    throw VolumeFormatException.of(group, "exists and is not empty; an OME-Zarr output is written"
                            + " whole into a new folder (remove it or choose another path)");
                }
            }
        }
        Path parent = group.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (AtomicTarget out = AtomicTarget.folder(group)) {
            writeInto(volume, out.temp(), group.getFileName().toString(), Downsampling.MEAN, null);
            out.commit();
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(group + ": not written; reading " + volume.source() + " failed: " + e.getMessage(),
                    e.getCause());
        }
    }

    /**
     * Writes {@code labels} as the NGFF label image {@code <image>/labels/<name>} of the image group
     * {@code image} (which must exist), replacing a label image of that name, and adds {@code name} to the
     * group's list of labels. Its levels are computed with {@link Downsampling#NEAREST}. The label image takes the
     * image group's Zarr format whatever this writer's is (zlib becomes gzip in Zarr v3).
     *
     * @throws VolumeFormatException naming the path if {@code image} is not an image group, the shapes differ,
     *     {@code name} is not a plain folder name, or the labels are FLOAT32 (labels are integers)
     */
    public void writeLabels(Volume labels, Path image, String name) throws IOException {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw VolumeFormatException.of(image, "label name '" + name
                    + "' must be a plain folder name (letters, digits, '.', '_', '-')");
        }
        if (labels.pixelType() == PixelType.FLOAT32) {
            throw VolumeFormatException.of(image.resolve("labels").resolve(name), "an NGFF label image holds integer"
                    + " labels; got FLOAT32 (" + labels.source() + "); write probabilities as an image instead");
        }
        Volume raw = ZarrVolume.open(image, null);
        if (!raw.shape().equals(labels.shape())) {
            throw VolumeFormatException.of(image, "image is " + raw.shape() + " but labels " + labels.source() + " are "
                    + labels.shape() + "; a label image must have the image's shape");
        }
        ZarrFormat groupFormat = Files.isRegularFile(image.resolve(".zattrs")) ? ZarrFormat.V2 : ZarrFormat.V3;
        if (groupFormat != format) {
            new ZarrWriter(this, groupFormat).writeLabels(labels, image, name);
            return;
        }
        Path labelsGroup = image.resolve("labels");
        Files.createDirectories(labelsGroup);
        Path target = labelsGroup.resolve(name);
        try (AtomicTarget out = AtomicTarget.replacingFolder(target)) {
            writeInto(labels, out.temp(), name, Downsampling.NEAREST, imageLabel());
            out.commit();
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(target + ": not written; reading " + labels.source() + " failed: " + e.getMessage(),
                    e.getCause());
        }
        addLabelName(labelsGroup, name);
    }

    /** {@code image-label} metadata: the source image, two levels up. */
    private JsonObject imageLabel() {
        JsonObject il = new JsonObject();
        if (format == ZarrFormat.V2) {
            il.addProperty("version", format.ngffVersion());
        }
        JsonObject source = new JsonObject();
        source.addProperty("image", "../../");
        il.add("source", source);
        return il;
    }

    private void addLabelName(Path labelsGroup, String name) throws IOException {
        JsonArray names = new JsonArray();
        Path meta = labelsGroup.resolve(format == ZarrFormat.V2 ? ".zattrs" : "zarr.json");
        if (Files.isRegularFile(meta)) {
            try {
                JsonObject o = JsonParser.parseString(Files.readString(meta, StandardCharsets.UTF_8)).getAsJsonObject();
                JsonObject holder = format == ZarrFormat.V2 ? o
                        : o.getAsJsonObject("attributes").getAsJsonObject("ome");
                if (holder != null && holder.has("labels")) {
                    names = holder.getAsJsonArray("labels");
                }
            } catch (RuntimeException e) {
                throw VolumeFormatException.of(meta, "is not readable labels metadata", e);
            }
        }
        boolean present = false;
        for (JsonElement e : names) {
            present |= e.getAsString().equals(name);
        }
        if (!present) {
            names.add(name);
        }
        JsonObject attrs = new JsonObject();
        attrs.add("labels", names);
        writeGroupMetadata(labelsGroup, attrs);
    }

    /** Level 0 from the volume, the pyramid from the stored levels, then the group metadata. */
    private void writeInto(Volume volume, Path dir, String name, Downsampling method, JsonObject imageLabel)
            throws IOException {
        VolumeShape s = volume.shape();
        int[] c = chunksFor(s);
        int rows = (s.depth() + c[0] - 1) / c[0];
        int planned = plannedLevels(s);
        int[] done = {0};
        int total = rows * planned;
        Runnable step = () -> {
            done[0]++;
            progress.report((double) done[0] / total, "writing " + name + ": chunk row " + done[0] + "/" + total);
        };
        ZarrArray level0 = writeArray(volume, dir.resolve("0"), c, codec, compressionLevel, format, step);
        finishImage(dir, level0, volume.voxelSize(), name, method, imageLabel, step);
    }

    /** The chunk shape for a volume of {@code shape}: the set one (z clipped to the depth) or 16 x 256 x 256. */
    public int[] chunksFor(VolumeShape shape) {
        return new int[] {Math.min(chunks == null ? 16 : chunks[0], shape.depth()), chunks == null ? 256 : chunks[1],
            chunks == null ? 256 : chunks[2]};
    }

    public ZarrArray.Codec compressor() {
        return codec;
    }

    public int compressionLevel() {
        return compressionLevel;
    }

    public ZarrFormat format() {
        return format;
    }

    /** Levels written for a volume of {@code shape}: the set number, fewer when y or x would drop below 1. */
    public int plannedLevels(VolumeShape shape) {
        int planned = 1;
        for (int l = 1, h = shape.height(), w = shape.width(); l < levels && h >= 2 && w >= 2; l++) {
            h = (h + 1) / 2;
            w = (w + 1) / 2;
            planned++;
        }
        return planned;
    }

    /**
     * Completes the image group {@code group} whose full-resolution array {@code level0} (at {@code group/0}) is
     * written: computes the further levels chunk by chunk ({@link Downsampling#MEAN}), replacing any there, then
     * writes the group metadata (last, so a reader that finds it finds every level). For block-wise writers,
     * which fill level 0 chunk by chunk themselves.
     */
    public void writePyramid(Path group, ZarrArray level0, VoxelSize size) throws IOException {
        if (!level0.dir().toAbsolutePath().normalize().equals(group.resolve("0").toAbsolutePath().normalize())) {
            throw VolumeFormatException.of(level0.dir(), "level 0 of " + group + " must be its folder '0'");
        }
        Path name = group.toAbsolutePath().normalize().getFileName();
        try {
            finishImage(group, level0, size, name == null ? "image" : name.toString(), Downsampling.MEAN, null,
                    () -> { });
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(group + ": pyramid not written: " + e.getMessage(), e.getCause());
        }
    }

    /**
     * The image group a target {@code <image>/labels/<name>} is a label image of, when {@code <image>} is an
     * existing NGFF image group (v2 {@code .zattrs} or v3 {@code zarr.json}); null for any other target.
     */
    public static Path labelImageOf(Path target) {
        Path parent = target.toAbsolutePath().normalize().getParent();
        Path image = parent == null ? null : parent.getParent();
        if (image != null && "labels".equals(parent.getFileName().toString())
                && (Files.isRegularFile(image.resolve(".zattrs")) || Files.isRegularFile(image.resolve("zarr.json")))) {
            return image;
        }
        return null;
    }

    private void finishImage(Path dir, ZarrArray level0, VoxelSize size, String name, Downsampling method,
                             JsonObject imageLabel, Runnable step) throws IOException {
        int planned = plannedLevels(level0.shape());
        ZarrArray level = level0;
        for (int l = 1; l < planned; l++) {
            Path next = dir.resolve(Integer.toString(l));
            if (Files.exists(next)) {
                AtomicFiles.deleteRecursively(next); // an earlier, interrupted completion of a block-wise output
            }
            level = downsample(level, next, method, step);
        }
        JsonObject ms = new JsonObject();
        if (format == ZarrFormat.V2) {
            ms.addProperty("version", format.ngffVersion());
        }
        ms.addProperty("name", name);
        JsonArray axes = new JsonArray();
        String unit = ngffUnit(size.unit());
        for (String a : new String[] {"z", "y", "x"}) {
            JsonObject ax = new JsonObject();
            ax.addProperty("name", a);
            ax.addProperty("type", "space");
            if (unit != null) {
                ax.addProperty("unit", unit);
            }
            axes.add(ax);
        }
        ms.add("axes", axes);
        JsonArray datasets = new JsonArray();
        for (int l = 0; l < planned; l++) {
            JsonObject ds = new JsonObject();
            ds.addProperty("path", Integer.toString(l));
            JsonObject scale = new JsonObject();
            scale.addProperty("type", "scale");
            JsonArray sc = new JsonArray();
            sc.add(size.z());
            sc.add(size.y() * (1 << l));
            sc.add(size.x() * (1 << l));
            scale.add("scale", sc);
            JsonArray tr = new JsonArray();
            tr.add(scale);
            ds.add("coordinateTransformations", tr);
            datasets.add(ds);
        }
        ms.add("datasets", datasets);
        ms.addProperty("type", method == Downsampling.MEAN ? "mean" : "nearest");
        JsonArray list = new JsonArray();
        list.add(ms);
        JsonObject attrs = new JsonObject();
        attrs.add("multiscales", list);
        if (imageLabel != null) {
            attrs.add("image-label", imageLabel);
        }
        new ZarrWriter(this, level0.format()).writeGroupMetadata(dir, attrs);
    }

    /**
     * Writes group metadata holding the NGFF attributes {@code ome}: v2 {@code .zgroup} and {@code .zattrs}
     * (attributes at the top), v3 {@code zarr.json} with {@code attributes.ome} (and the version there).
     */
    private void writeGroupMetadata(Path dir, JsonObject ome) throws IOException {
        if (format == ZarrFormat.V2) {
            AtomicFiles.write(dir.resolve(".zgroup"), "{\n  \"zarr_format\": 2\n}".getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve(".zattrs"), ZarrArray.GSON.toJson(ome).getBytes(StandardCharsets.UTF_8));
        } else {
            JsonObject withVersion = new JsonObject();
            withVersion.addProperty("version", format.ngffVersion());
            for (var e : ome.entrySet()) {
                withVersion.add(e.getKey(), e.getValue());
            }
            JsonObject attributes = new JsonObject();
            attributes.add("ome", withVersion);
            JsonObject o = new JsonObject();
            o.addProperty("zarr_format", 3);
            o.addProperty("node_type", "group");
            o.add("attributes", attributes);
            AtomicFiles.write(dir.resolve("zarr.json"), ZarrArray.GSON.toJson(o).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The NGFF (UDUNITS-2) name of a unit symbol, or null for units NGFF has no name for (e.g. "px"). */
    static String ngffUnit(String unit) {
        return switch (unit) {
            case "nm", "nanometer" -> "nanometer";
            case "um", "µm", "micrometer" -> "micrometer";
            case "mm", "millimeter" -> "millimeter";
            case "A", "Å", "angstrom" -> "angstrom";
            case "pm", "picometer" -> "picometer";
            case "m", "meter" -> "meter";
            default -> null;
        };
    }

    /** Writes one Zarr v2 array with the default compression level, one chunk row of sections at a time. */
    static void writeArray(Volume volume, Path dir, int[] chunks, ZarrArray.Codec codec) throws IOException {
        writeArray(volume, dir, chunks, codec, defaultLevel(codec), ZarrFormat.V2, () -> { }, Cancellation.NEVER);
    }

    private ZarrArray writeArray(Volume volume, Path dir, int[] chunks, ZarrArray.Codec codec, int compression,
                                 ZarrFormat format, Runnable step) throws IOException {
        return writeArray(volume, dir, chunks, codec, compression, format, step, cancellation);
    }

    private static ZarrArray writeArray(Volume volume, Path dir, int[] chunks, ZarrArray.Codec codec, int compression,
                                        ZarrFormat format, Runnable step, Cancellation cancellation) throws IOException {
        VolumeShape s = volume.shape();
        PixelType type = volume.pixelType();
        ZarrArray a = ZarrArray.create(dir, s, chunks, type, codec, compression, "/", format);
        int h = s.height();
        int w = s.width();
        float[] chunk = new float[a.chunkVoxels()];
        for (int cz = 0; cz < a.chunkCount(0); cz++) {
            cancellation.check();
            int z0 = cz * chunks[0];
            int z1 = Math.min(s.depth(), z0 + chunks[0]);
            float[][] slab = volume.readSlab(z0, z1);
            for (int cy = 0; cy < a.chunkCount(1); cy++) {
                for (int cx = 0; cx < a.chunkCount(2); cx++) {
                    Arrays.fill(chunk, 0f);
                    for (int dz = 0; dz < z1 - z0; dz++) {
                        for (int dy = 0; dy < chunks[1]; dy++) {
                            int y = cy * chunks[1] + dy;
                            if (y >= h) {
                                break;
                            }
                            int x0 = cx * chunks[2];
                            int len = Math.min(chunks[2], w - x0);
                            for (int i = 0; i < len; i++) {
                                chunk[(dz * chunks[1] + dy) * chunks[2] + i] = store(slab[dz][y * w + x0 + i], type);
                            }
                        }
                    }
                    a.writeChunk(cz, cy, cx, chunk);
                }
            }
            step.run();
        }
        return a;
    }

    /**
     * The next level of {@code src} in {@code dir}: same chunks, type and codec, y and x halved (rounded up),
     * computed chunk by chunk from the stored chunks of {@code src}.
     */
    private ZarrArray downsample(ZarrArray src, Path dir, Downsampling method, Runnable step) throws IOException {
        VolumeShape s = src.shape();
        int h2 = (s.height() + 1) / 2;
        int w2 = (s.width() + 1) / 2;
        int[] c = src.chunkShape();
        PixelType type = src.pixelType();
        ZarrArray dst = ZarrArray.create(dir, new VolumeShape(s.depth(), h2, w2), c, type, src.codec(),
                compressionLevel, "/", src.format());
        float[] chunk = new float[dst.chunkVoxels()];
        for (int cz = 0; cz < dst.chunkCount(0); cz++) {
            cancellation.check();
            int z0 = cz * c[0];
            int z1 = Math.min(s.depth(), z0 + c[0]);
            for (int cy = 0; cy < dst.chunkCount(1); cy++) {
                for (int cx = 0; cx < dst.chunkCount(2); cx++) {
                    int y0 = cy * c[1];
                    int y1 = Math.min(h2, y0 + c[1]);
                    int x0 = cx * c[2];
                    int x1 = Math.min(w2, x0 + c[2]);
                    int sy0 = 2 * y0;
                    int sy1 = Math.min(s.height(), 2 * y1);
                    int sx0 = 2 * x0;
                    int sx1 = Math.min(s.width(), 2 * x1);
                    float[] in = src.readRegion(z0, z1, sy0, sy1, sx0, sx1);
                    int ih = sy1 - sy0;
                    int iw = sx1 - sx0;
                    Arrays.fill(chunk, 0f);
                    for (int z = 0; z < z1 - z0; z++) {
                        for (int y = 0; y < y1 - y0; y++) {
                            for (int x = 0; x < x1 - x0; x++) {
                                float v;
                                if (method == Downsampling.NEAREST) {
                                    v = in[(z * ih + 2 * y) * iw + 2 * x];
                                } else {
                                    double sum = 0;
                                    int n = 0;
                                    for (int dy = 0; dy < 2; dy++) {
                                        for (int dx = 0; dx < 2; dx++) {
                                            int yy = 2 * y + dy;
                                            int xx = 2 * x + dx;
                                            if (yy < ih && xx < iw) {
                                                sum += in[(z * ih + yy) * iw + xx];
                                                n++;
                                            }
                                        }
                                    }
                                    v = store((float) (sum / n), type);
                                }
                                chunk[(z * c[1] + y) * c[2] + x] = v;
                            }
                        }
                    }
                    dst.writeChunk(cz, cy, cx, chunk);
                }
            }
            step.run();
        }
        return dst;
    }

    private static float store(float v, PixelType type) {
        if (type == PixelType.FLOAT32) {
            return v;
        }
        if (Float.isNaN(v)) {
            return 0;
        }
        return (float) Math.max(type.minValue(), Math.min(type.maxValue(), Math.rint(v)));
    }
}
