package org.emsym.engine.volume.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * A (z, y, x) Zarr v2 array read lazily chunk-row by chunk-row, either named directly (a folder with
 * {@code .zarray}) or as one scale level of an OME-NGFF 0.4 image group ({@code .zattrs} with
 * {@code multiscales}), whose {@code scale} transformation and axis units give the voxel size.
 */
final class ZarrVolume implements Volume {

    private final ZarrArray array;
    private final VoxelSize voxelSize;

    private ZarrVolume(ZarrArray array, VoxelSize voxelSize) {
        this.array = array;
        this.voxelSize = voxelSize;
    }

    /**
     * Opens {@code path}: an array folder, or an NGFF group whose scale level {@code level} (a dataset
     * index such as {@code "0"}, or a dataset path; null means the full resolution) is read.
     */
    static ZarrVolume open(Path path, String level) throws IOException {
        if (Files.isRegularFile(path.resolve(".zarray"))) {
            return new ZarrVolume(ZarrArray.open(path), VoxelSize.UNKNOWN);
        }
        Path attrs = path.resolve(".zattrs");
        if (!Files.isRegularFile(attrs)) {
            if (Files.isRegularFile(path.resolve("zarr.json"))) {
                throw VolumeFormatException.of(path, "is Zarr v3 (zarr.json); only Zarr v2 / NGFF 0.4 is supported");
            }
            throw VolumeFormatException.of(path, "has neither .zarray (Zarr v2 array) nor .zattrs (NGFF image group)");
        }
        JsonObject o;
        JsonArray datasets;
        JsonObject ms;
        try {
            o = JsonParser.parseString(Files.readString(attrs, StandardCharsets.UTF_8)).getAsJsonObject();
            ms = o.getAsJsonArray("multiscales").get(0).getAsJsonObject();
            datasets = ms.getAsJsonArray("datasets");
        } catch (RuntimeException e) {
            throw VolumeFormatException.of(attrs, "has no readable 'multiscales' entry", e);
        }
        int index = -1;
        if (level == null || level.isBlank()) {
            index = 0;
        } else {
            for (int i = 0; i < datasets.size(); i++) {
                if (datasets.get(i).getAsJsonObject().get("path").getAsString().equals(level)) {
                    index = i;
                }
            }
            if (index < 0 && level.matches("\\d+") && Integer.parseInt(level) < datasets.size()) {
                index = Integer.parseInt(level);
            }
        }
        if (index < 0) {
            throw VolumeFormatException.of(attrs, "has no scale level '" + level + "'; it has " + datasets.size());
        }
        JsonObject ds = datasets.get(index).getAsJsonObject();
        ZarrArray a = ZarrArray.open(path.resolve(ds.get("path").getAsString()));
        VoxelSize size = VoxelSize.UNKNOWN;
        try {
            if (ds.has("coordinateTransformations")) {
                for (var t : ds.getAsJsonArray("coordinateTransformations")) {
                    JsonObject tr = t.getAsJsonObject();
                    if ("scale".equals(tr.get("type").getAsString())) {
                        JsonArray s = tr.getAsJsonArray("scale");
                        String unit = "px";
                        if (ms.has("axes")) {
                            JsonObject ax = ms.getAsJsonArray("axes").get(s.size() - 1).getAsJsonObject();
                            if (ax.has("unit")) {
                                unit = unitSymbol(ax.get("unit").getAsString());
                            }
                        }
                        int n = s.size();
                        size = new VoxelSize(s.get(n - 3).getAsDouble(), s.get(n - 2).getAsDouble(),
                                s.get(n - 1).getAsDouble(), unit);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw VolumeFormatException.of(attrs, "bad coordinateTransformations for dataset " + index, e);
        }
        return new ZarrVolume(a, size);
    }

    static String unitSymbol(String ngff) {
        return switch (ngff) {
            case "nanometer" -> "nm";
            case "micrometer" -> "um";
            case "millimeter" -> "mm";
            case "angstrom" -> "A";
            default -> ngff;
        };
    }

    @Override
    public VolumeShape shape() {
        return array.shape;
    }

    @Override
    public PixelType pixelType() {
        return array.type;
    }

    @Override
    public VoxelSize voxelSize() {
        return voxelSize;
    }

    @Override
    public String source() {
        return array.dir.toString();
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        VolumeShape s = array.shape;
        Volume.checkSlab(s, z0, z1);
        int[] c = array.chunks;
        int h = s.height();
        int w = s.width();
        float[][] out = new float[z1 - z0][h * w];
        if (array.fill != 0) {
            for (float[] sec : out) {
                java.util.Arrays.fill(sec, (float) array.fill);
            }
        }
        for (int cz = z0 / c[0]; cz <= (z1 - 1) / c[0]; cz++) {
            for (int cy = 0; cy < array.chunkCount(1); cy++) {
                for (int cx = 0; cx < array.chunkCount(2); cx++) {
                    float[] chunk;
                    try {
                        chunk = array.readChunk(cz, cy, cx);
                    } catch (IOException e) {
                        throw Volume.readFailure(source(), cz * c[0], e);
                    }
                    if (chunk == null) {
                        continue;
                    }
                    for (int dz = 0; dz < c[0]; dz++) {
                        int z = cz * c[0] + dz;
                        if (z < z0 || z >= z1) {
                            continue;
                        }
                        for (int dy = 0; dy < c[1]; dy++) {
                            int y = cy * c[1] + dy;
                            if (y >= h) {
                                break;
                            }
                            int x0 = cx * c[2];
                            int len = Math.min(c[2], w - x0);
                            System.arraycopy(chunk, (dz * c[1] + dy) * c[2], out[z - z0], y * w + x0, len);
                        }
                    }
                }
            }
        }
        return out;
    }
}
