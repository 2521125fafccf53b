package org.emsym.engine.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.io.VolumeFormat;
import org.emsym.engine.volume.io.VolumeFormatException;
import org.emsym.engine.volume.io.VolumeWriters;
import org.emsym.engine.volume.io.ZarrWriter;

/**
 * Where one prediction output goes: a {@code .tif/.tiff} stack, an {@code .h5/.hdf5} file with a dataset
 * path, an OME-Zarr image {@code .zarr} (or, for integer outputs, a label image {@code <image>.zarr/labels/<name>}
 * of an existing image group), or a folder of PNG sections (integer outputs only).
 *
 * @param path the file or folder to create or replace
 * @param dataset the dataset inside an HDF5 file, e.g. {@code /probabilities}; null for other formats
 */
public record OutputTarget(Path path, String dataset) {

    public OutputTarget {
        Objects.requireNonNull(path, "path");
    }

    /** A TIFF stack or PNG folder target. */
    public static OutputTarget of(Path path) {
        return new OutputTarget(path, null);
    }

    /**
     * Checks, before anything is computed, that a volume of {@code type} can be written here.
     *
     * @param role what the output holds, for the message ("probabilities", "labels", ...)
     * @throws VolumeFormatException naming the path and the problem
     */
    public void validate(PixelType type, String role) throws VolumeFormatException {
        VolumeFormat format;
        try {
            format = VolumeFormat.detect(path);
        } catch (VolumeFormatException e) {
            throw new VolumeFormatException(role + " output: " + e.getMessage(), e);
        }
        Path parent = path.toAbsolutePath().getParent();
        if (format == VolumeFormat.ZARR && ZarrWriter.labelImageOf(path) != null) {
            if (type == PixelType.FLOAT32) {
                throw VolumeFormatException.of(path, role + " output: an NGFF label image (<image>.zarr/labels/<name>)"
                        + " holds integer labels, not " + type + "; write " + role + " to its own .zarr");
            }
            return; // the labels folder is made when the label image is written
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw VolumeFormatException.of(path, role + " output: folder " + parent + " does not exist");
        }
        try {
            VolumeWriters.checkTarget(path, dataset, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new VolumeFormatException(role + " output: " + e.getMessage(), e);
        }
    }

    /** Whether this target is an OME-Zarr image group of its own (not a label image inside another one). */
    public boolean isOmeZarrImage() {
        try {
            return VolumeFormat.detect(path) == VolumeFormat.ZARR && ZarrWriter.labelImageOf(path) == null;
        } catch (VolumeFormatException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return dataset == null ? path.toString() : path + ":" + dataset;
    }
}
