package org.emsym.engine.volume.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * Writes a volume as an OME-NGFF 0.4 image group of Zarr v2 arrays: level {@code "0"} at full resolution
 * and {@code levels - 1} more, each halved in y and x (2x2 mean, rounded for integer types) for viewers.
 * Chunks are written one by one, each atomically; the group metadata ({@code .zgroup}, {@code .zattrs}
 * with axes z, y, x, units and scale) is written last, so a reader that finds it finds every chunk.
 */
public final class ZarrWriter {

    private ZarrWriter() {
    }

    /**
     * @param chunks chunk shape (z, y, x)
     * @param compressor "raw", "gzip" or "zlib"
     * @param levels number of scale levels (at least 1)
     */
    public static void write(Volume volume, Path group, int[] chunks, String compressor, int levels) throws IOException {
        if (chunks.length != 3 || chunks[0] <= 0 || chunks[1] <= 0 || chunks[2] <= 0) {
            throw VolumeFormatException.of(group, "chunk shape must be three positive sizes (z, y, x)");
        }
        if (levels < 1) {
            throw VolumeFormatException.of(group, "levels must be at least 1, got " + levels);
        }
        ZarrArray.Codec codec = switch (compressor) {
            case "raw", "none" -> ZarrArray.Codec.RAW;
            case "gzip" -> ZarrArray.Codec.GZIP;
            case "zlib" -> ZarrArray.Codec.ZLIB;
            default -> throw VolumeFormatException.of(group, "compressor '" + compressor
                    + "' not supported; expected raw, gzip or zlib");
        };
        if (Files.isRegularFile(group)) {
            throw VolumeFormatException.of(group, "is a file; an OME-Zarr output is a folder");
        }
        Volume level = volume;
        VoxelSize size = volume.voxelSize();
        JsonArray datasets = new JsonArray();
        for (int l = 0; l < levels; l++) {
            writeArray(level, group.resolve(Integer.toString(l)), chunks, codec);
            JsonObject ds = new JsonObject();
            ds.addProperty("path", Integer.toString(l));
            JsonObject scale = new JsonObject();
            scale.addProperty("type", "scale");
            JsonArray s = new JsonArray();
            s.add(size.z());
            s.add(size.y() * (1 << l));
            s.add(size.x() * (1 << l));
            scale.add("scale", s);
            JsonArray tr = new JsonArray();
            tr.add(scale);
            ds.add("coordinateTransformations", tr);
            datasets.add(ds);
            if (l + 1 < levels) {
                if (level.shape().height() < 2 || level.shape().width() < 2) {
                    break;
                }
                level = halve(level);
            }
        }
        JsonObject ms = new JsonObject();
        ms.addProperty("version", "0.4");
        ms.addProperty("name", group.getFileName().toString());
        JsonArray axes = new JsonArray();
        for (String a : new String[] {"z", "y", "x"}) {
            JsonObject ax = new JsonObject();
            ax.addProperty("name", a);
            ax.addProperty("type", "space");
            ax.addProperty("unit", ngffUnit(size.unit()));
            axes.add(ax);
        }
        ms.add("axes", axes);
        ms.add("datasets", datasets);
        JsonArray list = new JsonArray();
        list.add(ms);
        JsonObject attrs = new JsonObject();
        attrs.add("multiscales", list);
        AtomicFiles.write(group.resolve(".zgroup"), "{\n  \"zarr_format\": 2\n}".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(group.resolve(".zattrs"), ZarrArray.GSON.toJson(attrs).getBytes(StandardCharsets.UTF_8));
    }

    static String ngffUnit(String unit) {
        return switch (unit) {
            case "nm" -> "nanometer";
            case "um", "µm" -> "micrometer";
            case "mm" -> "millimeter";
            case "A" -> "angstrom";
            default -> unit;
        };
    }

    /** Writes one array, one chunk row of sections at a time. */
    static void writeArray(Volume volume, Path dir, int[] chunks, ZarrArray.Codec codec) throws IOException {
        VolumeShape s = volume.shape();
        PixelType type = volume.pixelType();
        ZarrArray a = ZarrArray.create(dir, s, chunks, type, codec, codec == ZarrArray.Codec.RAW ? 0 : 5, "/");
        int h = s.height();
        int w = s.width();
        for (int cz = 0; cz < a.chunkCount(0); cz++) {
            int z0 = cz * chunks[0];
            int z1 = Math.min(s.depth(), z0 + chunks[0]);
            float[][] slab = volume.readSlab(z0, z1);
            for (int cy = 0; cy < a.chunkCount(1); cy++) {
                for (int cx = 0; cx < a.chunkCount(2); cx++) {
                    float[] chunk = new float[a.chunkVoxels()];
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
        }
    }

    private static float store(float v, PixelType type) {
        if (type == PixelType.FLOAT32) {
            return v;
        }
        return (float) Math.max(type.minValue(), Math.min(type.maxValue(), Math.rint(v)));
    }

    /** 2x2 mean in y and x (edge rows/columns averaged over what exists). */
    private static Volume halve(Volume v) {
        VolumeShape s = v.shape();
        int h2 = (s.height() + 1) / 2;
        int w2 = (s.width() + 1) / 2;
        float[][] out = new float[s.depth()][h2 * w2];
        for (int z = 0; z < s.depth(); z++) {
            float[] sec = v.readSection(z);
            for (int y = 0; y < h2; y++) {
                for (int x = 0; x < w2; x++) {
                    double sum = 0;
                    int n = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            int yy = 2 * y + dy;
                            int xx = 2 * x + dx;
                            if (yy < s.height() && xx < s.width()) {
                                sum += sec[yy * s.width() + xx];
                                n++;
                            }
                        }
                    }
                    out[z][y * w2 + x] = (float) (sum / n);
                }
            }
        }
        return new ArrayVolume(new VolumeShape(s.depth(), h2, w2), v.pixelType(), v.voxelSize(), out,
                v.source() + " (halved)");
    }
}
