package org.emsym.engine.volume.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The on-disk layouts a volume can be read from and written to. */
public enum VolumeFormat {
    /** One multi-page TIFF file, one page per section. */
    TIFF_STACK,
    /** A folder of single-section PNG or TIFF files in natural sort order. */
    SECTION_FOLDER,
    /** A 3-D dataset (z, y, x) inside an HDF5 file. */
    HDF5,
    /** An OME-NGFF image group (0.4 over Zarr v2, 0.5 over Zarr v3) or a bare Zarr array: a folder named
     * {@code *.zarr}, one holding {@code .zarray}, {@code .zattrs} or {@code zarr.json}, or a path without extension
     * inside a {@code *.zarr} folder (a scale level, or a label image {@code x.zarr/labels/<name>}); the dataset
     * path names the scale level. */
    ZARR;

    /**
     * Picks the format from the path: an existing folder, or a path without extension, is a section folder;
     * {@code .tif/.tiff} a TIFF stack; {@code .h5/.hdf5/.hdf} HDF5.
     *
     * @throws VolumeFormatException for any other extension
     */
    public static VolumeFormat detect(Path path) throws VolumeFormatException {
        if ("zarr".equals(extension(path)) || Files.isRegularFile(path.resolve(".zarray"))
                || Files.isRegularFile(path.resolve(".zattrs")) || Files.isRegularFile(path.resolve("zarr.json"))
                || (extension(path).isEmpty() && insideZarr(path))) {
            return ZARR;
        }
        if (Files.isDirectory(path)) {
            return SECTION_FOLDER;
        }
        String extension = extension(path);
        switch (extension) {
            case "tif", "tiff":
                return TIFF_STACK;
            case "h5", "hdf5", "hdf":
                return HDF5;
            case "":
                return SECTION_FOLDER;
            default:
                throw VolumeFormatException.of(path, "unknown volume format '." + extension
                        + "'; expected a folder of sections, .tif/.tiff .h5/.hdf5/.hdf or .zarr");
        }
    }

    /** Whether a folder above {@code path} is named {@code *.zarr}. */
    static boolean insideZarr(Path path) {
        for (Path p = path.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if ("zarr".equals(extension(p))) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case extension of the file name without the dot, or "" if there is none. */
    static String extension(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return "";
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot <= 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
