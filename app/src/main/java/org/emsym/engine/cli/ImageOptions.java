package org.emsym.engine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeFormat;
import org.emsym.engine.volume.io.VolumeReaders;
import picocli.CommandLine.Option;

/**
 * The options that name an input image stack, shared by every command that reads one (a picocli mixin, or an
 * optional {@code @ArgGroup} where the image is optional): the file, its HDF5 dataset or its OME-Zarr level.
 */
final class ImageOptions {

    @Option(names = {"-i", "--image", "--input"}, required = true,
            description = "image stack: .tif, PNG/TIFF section folder, .h5 or .zarr")
    Path image;

    @Option(names = {"--dataset", "--image-dataset"},
            description = "dataset path inside an HDF5 image (default: its only dataset)")
    String dataset;

    @Option(names = "--level", description = "scale level of an OME-Zarr image (dataset path or index; default 0)")
    String level;

    /**
     * Opens the image, checking it as it streams (non-finite values are refused naming the section).
     *
     * @throws IllegalArgumentException when both a dataset and a level are given, or a level for no OME-Zarr
     */
    Volume open() throws IOException {
        return VolumeReaders.open(image, datasetOrLevel());
    }

    /** Opens the image with its values as stored (NaN kept), for commands that copy rather than compute. */
    Volume openAsStored() throws IOException {
        return VolumeReaders.openAsStored(image, datasetOrLevel());
    }

    private String datasetOrLevel() throws IOException {
        if (dataset != null && level != null) {
            throw new IllegalArgumentException("give --dataset (HDF5 input) or --level (OME-Zarr input), not both");
        }
        if (level != null && !(Files.exists(image) && VolumeFormat.detect(image) == VolumeFormat.ZARR)) {
            throw new IllegalArgumentException("--level " + level + " applies to an OME-Zarr input; " + image
                    + " is not one");
        }
        return level != null ? level : dataset;
    }
}
