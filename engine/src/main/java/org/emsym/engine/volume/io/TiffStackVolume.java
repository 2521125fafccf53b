package org.emsym.engine.volume.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.metadata.IIOMetadata;
import org.emsym.engine.volume.AbstractVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * A multi-page TIFF read lazily: {@link #readSlab} opens the file and decodes only the requested pages.
 * {@link #open} checks every page's size, type and strip extents up front, so a mismatched or truncated
 * file fails there, naming the file and page.
 */
final class TiffStackVolume extends AbstractVolume {

    private final Path file;

    private TiffStackVolume(Path file, VolumeShape shape, PixelType pixelType, VoxelSize voxelSize) {
        super(shape, pixelType, voxelSize, file.toString());
        this.file = file;
    }

    static TiffStackVolume open(Path file) throws IOException {
        long fileSize = Files.size(file);
        try (ImagePages.OpenReader open = ImagePages.open(file)) {
            int pages = open.reader.getNumImages(true);
            if (pages <= 0) {
                throw VolumeFormatException.of(file, "TIFF holds no pages");
            }
            int width = open.reader.getWidth(0);
            int height = open.reader.getHeight(0);
            PixelType type = ImagePages.pixelTypeOf(ImagePages.typeOf(open.reader, 0), file + " page 0");
            for (int page = 0; page < pages; page++) {
                String where = file + " page " + page;
                if (page > 0) {
                    int w = open.reader.getWidth(page);
                    int h = open.reader.getHeight(page);
                    if (w != width || h != height) {
                        throw new VolumeFormatException(where + ": is " + w + "x" + h + " (width x height) but page 0 "
                                + "is " + width + "x" + height + "; all sections of a stack must have the same size");
                    }
                    PixelType t = ImagePages.pixelTypeOf(ImagePages.typeOf(open.reader, page), where);
                    if (t != type) {
                        throw new VolumeFormatException(where + ": holds " + t + " but page 0 holds " + type);
                    }
                }
                requireDataInside(open.reader.getImageMetadata(page), fileSize, where);
            }
            VoxelSize size = voxelSize(open.reader.getImageMetadata(0));
            return new TiffStackVolume(file, new VolumeShape(pages, height, width), type, size);
        } catch (VolumeFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw VolumeFormatException.of(file, "corrupt or truncated TIFF", e);
        }
    }

    private static void requireDataInside(IIOMetadata metadata, long fileSize, String where)
            throws VolumeFormatException {
        if (!TiffTags.hasNativeTree(metadata)) {
            return; // a plugin without the native tree: the size and type checks still apply
        }
        long end = TiffTags.dataEnd(metadata);
        if (end > fileSize) {
            throw new VolumeFormatException(where + ": truncated TIFF, pixel data ends at byte " + end
                    + " but the file has only " + fileSize + " bytes");
        }
    }

    private static VoxelSize voxelSize(IIOMetadata metadata) {
        return TiffTags.hasNativeTree(metadata) ? TiffTags.voxelSize(metadata) : VoxelSize.UNKNOWN;
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        Volume.checkSlab(shape, z0, z1);
        float[][] slab = new float[z1 - z0][];
        int z = z0;
        try (ImagePages.OpenReader open = ImagePages.open(file)) {
            for (; z < z1; z++) {
                slab[z - z0] = ImagePages.readPage(open.reader, z);
            }
        } catch (IOException e) {
            throw Volume.readFailure(source(), z, e);
        }
        return slab;
    }

    @Override
    public String toString() {
        return "TIFF stack " + file + " " + shape + " " + pixelType;
    }
}
