package org.emsym.engine.volume.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.emsym.engine.volume.AbstractVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * A folder of single-section PNG/TIFF files in natural sort order, read lazily one file per section.
 * {@link #open} reads every file's header (size and pixel type, not the pixels), so a section of the wrong
 * size or type fails there, naming both files. Hidden files and other extensions are ignored.
 * The voxel size of a folder is {@link VoxelSize#UNKNOWN}.
 */
final class SectionFolderVolume extends AbstractVolume {

    static final Set<String> SECTION_EXTENSIONS = Set.of("png", "tif", "tiff");

    private final Path folder;
    private final List<Path> files;

    private SectionFolderVolume(Path folder, List<Path> files, VolumeShape shape, PixelType pixelType) {
        super(shape, pixelType, VoxelSize.UNKNOWN, folder.toString());
        this.folder = folder;
        this.files = files;
    }

    static SectionFolderVolume open(Path folder) throws IOException {
        List<Path> files = sectionFiles(folder);
        if (files.isEmpty()) {
            throw VolumeFormatException.of(folder, "folder holds no .png/.tif/.tiff sections");
        }
        Path first = files.get(0);
        int width = 0;
        int height = 0;
        PixelType type = null;
        for (Path file : files) {
            try (ImagePages.OpenReader open = ImagePages.open(file)) {
                int pages = open.reader.getNumImages(true);
                if (pages != 1) {
                    throw VolumeFormatException.of(file, "holds " + pages + " pages; a section folder needs one "
                            + "section per file (open a multi-page TIFF as a stack instead)");
                }
                int w = open.reader.getWidth(0);
                int h = open.reader.getHeight(0);
                PixelType t = ImagePages.pixelTypeOf(ImagePages.typeOf(open.reader, 0), file.toString());
                if (type == null) {
                    width = w;
                    height = h;
                    type = t;
                } else if (w != width || h != height) {
                    throw VolumeFormatException.of(file, "section is " + w + "x" + h + " (width x height) but "
                            + first + " is " + width + "x" + height + "; all sections must have the same size");
                } else if (t != type) {
                    throw VolumeFormatException.of(file, "section holds " + t + " but " + first + " holds " + type);
                }
            } catch (VolumeFormatException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw VolumeFormatException.of(file, "corrupt or unreadable section image", e);
            }
        }
        return new SectionFolderVolume(folder, List.copyOf(files), new VolumeShape(files.size(), height, width), type);
    }

    /** Visible .png/.tif/.tiff files of {@code folder} in natural order of their names. */
    static List<Path> sectionFiles(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(p) && !Files.isHidden(p)
                        && SECTION_EXTENSIONS.contains(VolumeFormat.extension(p))) {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString(), NaturalOrder.INSTANCE));
        return files;
    }

    /** The section files in z order. */
    List<Path> files() {
        return files;
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        Volume.checkSlab(shape, z0, z1);
        float[][] slab = new float[z1 - z0][];
        for (int z = z0; z < z1; z++) {
            Path file = files.get(z);
            try (ImagePages.OpenReader open = ImagePages.open(file)) {
                float[] section = ImagePages.readPage(open.reader, 0);
                if (section.length != shape.sectionSize()) {
                    throw VolumeFormatException.of(file, "section changed size since the folder was opened");
                }
                slab[z - z0] = section;
            } catch (IOException e) {
                throw Volume.readFailure(file.toString(), z, e);
            }
        }
        return slab;
    }

    @Override
    public String toString() {
        return "section folder " + folder + " " + shape + " " + pixelType;
    }
}
