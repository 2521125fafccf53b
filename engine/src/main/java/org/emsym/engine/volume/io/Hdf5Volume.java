package org.emsym.engine.volume.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.emsym.engine.volume.AbstractVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * A 3-D (z, y, x) HDF5 dataset read lazily by hyperslab: {@link #readSlab} reads only sections z0..z1.
 *
 * <p>Pixel type: the {@value #PIXEL_TYPE_ATTRIBUTE} attribute written by {@link VolumeWriters} if present
 * (jhdf writes signed integers only, so uint8/uint16 are stored widened to int16/int32 and marked there);
 * otherwise unsigned 8/16-bit integers are UINT8/UINT16 and everything else is read as FLOAT32.
 * Voxel size: attributes {@value #VOXEL_SIZE_ATTRIBUTE} (z, y, x) with {@value #UNIT_ATTRIBUTE}, else
 * {@value #ELEMENT_SIZE_UM_ATTRIBUTE} (z, y, x in micrometres, the ilastik/Fiji convention) returned in nm.
 * Without a dataset path, a file holding exactly one dataset is read from that one (logged at INFO).
 */
final class Hdf5Volume extends AbstractVolume {

    private static final System.Logger LOG = System.getLogger(Hdf5Volume.class.getName());

    static final String PIXEL_TYPE_ATTRIBUTE = "pixel_type";
    static final String VOXEL_SIZE_ATTRIBUTE = "voxel_size";
    static final String UNIT_ATTRIBUTE = "unit";
    static final String ELEMENT_SIZE_UM_ATTRIBUTE = "element_size_um";

    private final Path file;
    private final String datasetPath;

    private Hdf5Volume(Path file, String datasetPath, VolumeShape shape, PixelType pixelType, VoxelSize voxelSize) {
        super(shape, pixelType, voxelSize, file + ":" + datasetPath);
        this.file = file;
        this.datasetPath = datasetPath;
    }

    static Hdf5Volume open(Path file, String datasetPath) throws IOException {
        try (HdfFile hdf = new HdfFile(file)) {
            if (datasetPath == null || datasetPath.isBlank()) {
                List<String> all = datasetPaths(hdf);
                if (all.size() != 1) {
                    throw VolumeFormatException.of(file, "an HDF5 volume needs a dataset path; datasets in the file: "
                            + all);
                }
                datasetPath = all.get(0);
                LOG.log(System.Logger.Level.INFO, file + ": no dataset path given; reading its only dataset "
                        + datasetPath);
            }
            Node node;
            try {
                node = hdf.getByPath(datasetPath);
            } catch (HdfException e) {
                throw VolumeFormatException.of(file, "no dataset '" + datasetPath + "'; datasets in the file: "
                        + datasetPaths(hdf));
            }
            if (!(node instanceof Dataset dataset)) {
                throw VolumeFormatException.of(file, "'" + datasetPath + "' is a group, not a dataset; datasets: "
                        + datasetPaths(hdf));
            }
            int[] dims = dataset.getDimensions();
            if (dims.length != 3) {
                throw VolumeFormatException.of(file, "dataset '" + datasetPath + "' has shape " + Arrays.toString(dims)
                        + " (rank " + dims.length + "); expected a 3-D (z, y, x) dataset");
            }
            if (dims[0] == 0 || dims[1] == 0 || dims[2] == 0) {
                throw VolumeFormatException.of(file, "dataset '" + datasetPath + "' is empty, shape "
                        + Arrays.toString(dims));
            }
            PixelType type = pixelType(file, dataset);
            return new Hdf5Volume(file, datasetPath, new VolumeShape(dims[0], dims[1], dims[2]), type,
                    voxelSize(dataset));
        } catch (VolumeFormatException e) {
            throw e;
        } catch (HdfException | UncheckedIOException e) {
            throw VolumeFormatException.of(file, "not a readable HDF5 file", e);
        }
    }

    private static PixelType pixelType(Path file, Dataset dataset) throws VolumeFormatException {
        Attribute declared = dataset.getAttribute(PIXEL_TYPE_ATTRIBUTE);
        if (declared != null && declared.getData() instanceof String name) {
            for (PixelType t : PixelType.values()) {
                if (t.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
        }
        DataType type = dataset.getDataType();
        if (type instanceof FixedPoint fixed) {
            if (!fixed.isSigned() && fixed.getSize() == 1) {
                return PixelType.UINT8;
            }
            if (!fixed.isSigned() && fixed.getSize() == 2) {
                return PixelType.UINT16;
            }
            return PixelType.FLOAT32;
        }
        if (type instanceof FloatingPoint) {
            return PixelType.FLOAT32;
        }
        throw VolumeFormatException.of(file, "dataset '" + dataset.getPath() + "' holds "
                + type.getClass().getSimpleName() + " values; expected integers or floats");
    }

    private static VoxelSize voxelSize(Dataset dataset) {
        try {
            double[] size = doubles(dataset.getAttribute(VOXEL_SIZE_ATTRIBUTE));
            Attribute unit = dataset.getAttribute(UNIT_ATTRIBUTE);
            if (size != null && size.length == 3 && unit != null && unit.getData() instanceof String u) {
                return new VoxelSize(size[0], size[1], size[2], u);
            }
            double[] um = doubles(dataset.getAttribute(ELEMENT_SIZE_UM_ATTRIBUTE));
            if (um != null && um.length == 3) {
                return VoxelSize.nm(um[0] * 1000, um[1] * 1000, um[2] * 1000);
            }
        } catch (IllegalArgumentException | HdfException e) {
            // a malformed or non-positive size is treated as absent
        }
        return VoxelSize.UNKNOWN;
    }

    private static double[] doubles(Attribute attribute) {
        if (attribute == null || attribute.getData() == null || !attribute.getData().getClass().isArray()) {
            return null;
        }
        Object data = attribute.getData();
        double[] values = new double[Array.getLength(data)];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) Array.get(data, i)).doubleValue();
        }
        return values;
    }

    /** Paths of all datasets in the file, for error messages. */
    static List<String> datasetPaths(Group group) {
        List<String> paths = new ArrayList<>();
        for (Node child : group) {
            if (child instanceof Dataset) {
                paths.add(child.getPath());
            } else if (child instanceof Group g && !child.isLink()) {
                paths.addAll(datasetPaths(g));
            }
        }
        return paths;
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        Volume.checkSlab(shape, z0, z1);
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset dataset = hdf.getDatasetByPath(datasetPath);
            Object data = dataset.getData(new long[] {z0, 0, 0}, new int[] {z1 - z0, shape.height(), shape.width()});
            float[][] slab = new float[z1 - z0][];
            for (int z = 0; z < slab.length; z++) {
                slab[z] = flatten((Object[]) Array.get(data, z), shape.height(), shape.width());
            }
            return slab;
        } catch (HdfException | ClassCastException e) {
            throw Volume.readFailure(source(), z0, new IOException(e.getMessage(), e));
        }
    }

    /** One section (an array of rows of any primitive number type) as row-major floats. */
    private static float[] flatten(Object[] rows, int height, int width) {
        float[] out = new float[height * width];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            Object row = rows[y];
            if (row instanceof float[] r) {
                System.arraycopy(r, 0, out, base, width);
            } else if (row instanceof byte[] r) {
                for (int x = 0; x < width; x++) {
                    out[base + x] = r[x];
                }
            } else if (row instanceof short[] r) {
                for (int x = 0; x < width; x++) {
                    out[base + x] = r[x];
                }
            } else if (row instanceof int[] r) {
                for (int x = 0; x < width; x++) {
                    out[base + x] = r[x];
                }
            } else if (row instanceof long[] r) {
                for (int x = 0; x < width; x++) {
                    out[base + x] = r[x];
                }
            } else if (row instanceof double[] r) {
                for (int x = 0; x < width; x++) {
                    out[base + x] = (float) r[x];
                }
            } else {
                throw new ClassCastException("unsupported HDF5 element array " + row.getClass().getSimpleName());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "HDF5 dataset " + source() + " " + shape + " " + pixelType;
    }
}
