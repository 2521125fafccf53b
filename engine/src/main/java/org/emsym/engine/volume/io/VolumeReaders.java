package org.emsym.engine.volume.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.emsym.engine.volume.FiniteVolume;
import org.emsym.engine.volume.Volume;

/**
 * Opens volumes from disk. Returned volumes read lazily (slab by slab); what is cheap to check (page and
 * section sizes and types, dataset rank) is checked here so that bad input fails at {@link #open}.
 */
public final class VolumeReaders {

    private VolumeReaders() {
    }

    /**
     * Opens a multi-page TIFF, a folder of PNG/TIFF sections or an HDF5 dataset, chosen by
     * {@link VolumeFormat#detect}.
     *
     * @param datasetPath the dataset inside an HDF5 file (required there, e.g. {@code "/raw"}); ignored otherwise
     * @throws VolumeFormatException naming the file (and page, section or dataset) for bad input
     * @throws IOException if the file cannot be read at all
     * @return the volume; a floating-point one checks each section it reads for NaN and infinite values
     *     ({@link FiniteVolume})
     */
    public static Volume open(Path path, String datasetPath) throws IOException {
        return FiniteVolume.of(openAsStored(path, datasetPath));
    }

    /**
     * As {@link #open(Path, String)}, but without the non-finite check: the values as stored, NaN included, e.g.
     * probabilities whose sections without a window (boundary SKIP) are NaN by design.
     */
    public static Volume openAsStored(Path path, String datasetPath) throws IOException {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw VolumeFormatException.of(path, "does not exist");
        }
        Volume volume = switch (VolumeFormat.detect(path)) {
            case TIFF_STACK -> TiffStackVolume.open(path);
            case SECTION_FOLDER -> {
                if (!Files.isDirectory(path)) {
                    throw VolumeFormatException.of(path, "has no extension and is not a folder of sections");
                }
                yield SectionFolderVolume.open(path);
            }
            case HDF5 -> Hdf5Volume.open(path, datasetPath);
            case ZARR -> ZarrVolume.open(path, datasetPath);
        };
        return volume;
    }

    /**
     * The file names of a section folder's sections in z order (the order {@link #open} reads them), e.g.
     * {@code 19.png .. 29.png}; empty when {@code path} is not a section folder.
     */
    public static java.util.List<String> sectionNames(Path path) throws IOException {
        if (!Files.isDirectory(path) || VolumeFormat.detect(path) != VolumeFormat.SECTION_FOLDER) {
            return java.util.List.of();
        }
        return SectionFolderVolume.sectionFiles(path).stream().map(p -> p.getFileName().toString()).toList();
    }

    /** Opens a TIFF stack or a section folder (formats without a dataset path). */
    public static Volume open(Path path) throws IOException {
        return open(path, null);
    }
}
