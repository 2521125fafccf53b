package org.emsym.engine.volume.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emsym.engine.volume.AbstractVolume;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * A (z, y, x) Zarr array (v2 or v3) read lazily chunk-row by chunk-row, either named directly (a folder with
 * {@code .zarray} or an array {@code zarr.json}) or as one scale level of an OME-NGFF image group: NGFF 0.4
 * ({@code .zattrs} with {@code multiscales}) or NGFF 0.5 ({@code zarr.json} of a group with
 * {@code attributes.ome.multiscales}). The level's {@code scale} transformation (times a multiscales-wide one)
 * and the axis units give the voxel size.
 */
final class ZarrVolume extends AbstractVolume {

    private final ZarrArray array;

    private ZarrVolume(ZarrArray array, VoxelSize voxelSize) {
        super(array.shape, array.type, voxelSize, array.dir.toString());
        this.array = array;
    }

    /**
     * Opens {@code path}: an array folder, or an NGFF group whose scale level {@code level} (a dataset
     * index such as {@code "0"}, or a dataset path; null means the full resolution) is read.
     */
    static ZarrVolume open(Path path, String level) throws IOException {
        if (ZarrArray.isArray(path)) {
            return new ZarrVolume(ZarrArray.open(path), VoxelSize.UNKNOWN);
        }
        Path attrs = path.resolve(".zattrs");
        Path v3 = path.resolve("zarr.json");
        JsonObject ms;
        Path meta;
        try {
            if (Files.isRegularFile(attrs)) {
                meta = attrs;
                JsonObject o = JsonParser.parseString(Files.readString(attrs, StandardCharsets.UTF_8)).getAsJsonObject();
                ms = o.getAsJsonArray("multiscales").get(0).getAsJsonObject();
            } else if (Files.isRegularFile(v3)) {
                meta = v3;
                JsonObject o = JsonParser.parseString(Files.readString(v3, StandardCharsets.UTF_8)).getAsJsonObject();
                JsonObject a = o.getAsJsonObject("attributes");
                JsonObject ome = a == null ? null : a.getAsJsonObject("ome");
                if (ome == null) {
                    throw VolumeFormatException.of(v3, "is a Zarr v3 group without attributes.ome (not an NGFF 0.5 image)");
                }
                ms = ome.getAsJsonArray("multiscales").get(0).getAsJsonObject();
            } else {
                throw VolumeFormatException.of(path, "has neither .zarray nor .zattrs (Zarr v2 array / NGFF 0.4 image"
                        + " group) nor zarr.json (Zarr v3 array / NGFF 0.5 image group)");
            }
        } catch (RuntimeException e) {
            throw VolumeFormatException.of(Files.isRegularFile(attrs) ? attrs : v3,
                    "has no readable 'multiscales' entry", e);
        }
        JsonArray datasets;
        try {
            datasets = ms.getAsJsonArray("datasets");
            datasets.size();
        } catch (RuntimeException e) {
            throw VolumeFormatException.of(meta, "multiscales has no 'datasets' list", e);
        }
        int index = levelIndex(datasets, level);
        if (index < 0) {
            StringBuilder names = new StringBuilder();
            for (JsonElement d : datasets) {
                names.append(names.length() == 0 ? "" : ", ").append(d.getAsJsonObject().get("path").getAsString());
            }
            throw VolumeFormatException.of(meta, "has no scale level '" + level + "'; its levels are " + names);
        }
        JsonObject ds = datasets.get(index).getAsJsonObject();
        ZarrArray a = ZarrArray.open(path.resolve(ds.get("path").getAsString()));
        VoxelSize size;
        try {
            size = voxelSize(ms, ds);
        } catch (RuntimeException e) {
            throw VolumeFormatException.of(meta, "bad coordinateTransformations or axes for dataset " + index, e);
        }
        return new ZarrVolume(a, size);
    }

    /** The dataset named {@code level} (its path, else its index), 0 for null or blank, -1 if none. */
    private static int levelIndex(JsonArray datasets, String level) {
        if (level == null || level.isBlank()) {
            return datasets.size() > 0 ? 0 : -1;
        }
        String l = level.strip().replaceAll("^/+", "");
        for (int i = 0; i < datasets.size(); i++) {
            if (datasets.get(i).getAsJsonObject().get("path").getAsString().equals(l)) {
                return i;
            }
        }
        if (l.matches("\\d{1,6}") && Integer.parseInt(l) < datasets.size()) {
            return Integer.parseInt(l);
        }
        return -1;
    }

    /** The dataset's scale (times the multiscales-wide scale) on the last three axes, in the x axis' unit. */
    private static VoxelSize voxelSize(JsonObject ms, JsonObject ds) {
        double[] scale = null;
        for (JsonObject owner : new JsonObject[] {ds, ms}) {
            if (!owner.has("coordinateTransformations")) {
                continue;
            }
            for (JsonElement t : owner.getAsJsonArray("coordinateTransformations")) {
                JsonObject tr = t.getAsJsonObject();
                if ("scale".equals(tr.get("type").getAsString())) {
                    JsonArray s = tr.getAsJsonArray("scale");
                    int n = s.size();
                    double[] v = {s.get(n - 3).getAsDouble(), s.get(n - 2).getAsDouble(), s.get(n - 1).getAsDouble()};
                    if (scale == null) {
                        scale = v;
                    } else {
                        for (int i = 0; i < 3; i++) {
                            scale[i] *= v[i];
                        }
                    }
                }
            }
        }
        String unit = null;
        if (ms.has("axes")) {
            JsonArray axes = ms.getAsJsonArray("axes");
            JsonElement last = axes.get(axes.size() - 1);
            if (last.isJsonObject() && last.getAsJsonObject().has("unit")) {
                unit = unitSymbol(last.getAsJsonObject().get("unit").getAsString());
            }
        }
        if (scale == null) {
            return VoxelSize.UNKNOWN;
        }
        return new VoxelSize(scale[0], scale[1], scale[2], unit == null ? "px" : unit);
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

    /** The array read. */
    ZarrArray array() {
        return array;
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        VolumeShape s = array.shape;
        Volume.checkSlab(s, z0, z1);
        int n = s.sectionSize();
        float[] box;
        try {
            box = array.readRegion(z0, z1, 0, s.height(), 0, s.width());
        } catch (IOException e) {
            throw Volume.readFailure(source(), z0, e);
        }
        float[][] out = new float[z1 - z0][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(box, i * n, (i + 1) * n);
        }
        return out;
    }
}
