package org.emsym.engine.volume.io;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import org.emsym.engine.volume.PixelType;

/** ImageIO plumbing shared by the TIFF-stack and section-folder readers: open, classify and decode pages. */
final class ImagePages {

    private ImagePages() {
    }

    /** An open ImageIO reader with its stream; closing disposes both. */
    static final class OpenReader implements AutoCloseable {
        final ImageReader reader;
        private final ImageInputStream stream;

        private OpenReader(ImageReader reader, ImageInputStream stream) {
            this.reader = reader;
            this.stream = stream;
        }

        @Override
        public void close() throws IOException {
            reader.dispose();
            stream.close();
        }
    }

    /**
     * Opens a random-access reader for an image file. For TIFF the TwelveMonkeys plugin is preferred over the
     * JDK's own, since it reads float and 16-bit pages and reports corrupt files precisely.
     */
    static OpenReader open(Path file) throws IOException {
        ImageInputStream stream = ImageIO.createImageInputStream(file.toFile());
        if (stream == null) {
            throw VolumeFormatException.of(file, "cannot be opened for reading");
        }
        ImageReader chosen = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReaders(stream); it.hasNext(); ) {
            ImageReader candidate = it.next();
            if (chosen == null || candidate.getClass().getName().startsWith("com.twelvemonkeys")) {
                chosen = candidate;
            }
        }
        if (chosen == null) {
            stream.close();
            throw VolumeFormatException.of(file, "is not a readable PNG or TIFF image (corrupt or unknown format)");
        }
        chosen.setInput(stream, false, false);
        return new OpenReader(chosen, stream);
    }

    /** The layout of page {@code index} without decoding its pixels. */
    static ImageTypeSpecifier typeOf(ImageReader reader, int index) throws IOException {
        ImageTypeSpecifier raw = reader.getRawImageType(index);
        if (raw != null) {
            return raw;
        }
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(index);
        if (!types.hasNext()) {
            throw new IOException("no decodable image type for page " + index);
        }
        return types.next();
    }

    /**
     * The pixel type a grayscale page holds.
     *
     * @param where names the file (and page) in the error
     * @throws VolumeFormatException for colour, multi-channel or unsupported sample types
     */
    static PixelType pixelTypeOf(ImageTypeSpecifier type, String where) throws VolumeFormatException {
        ColorModel colorModel = type.getColorModel();
        int bands = type.getSampleModel().getNumBands();
        if (colorModel instanceof IndexColorModel palette) {
            if (!isGrayPalette(palette)) {
                throw new VolumeFormatException(where + ": is a colour (palette) image; expected grayscale");
            }
            return PixelType.UINT8;
        }
        if (bands != 1) {
            throw new VolumeFormatException(where + ": has " + bands + " channels ("
                    + (bands >= 3 ? "RGB colour" : "gray + alpha") + "); expected a single grayscale channel");
        }
        int dataType = type.getSampleModel().getDataType();
        return switch (dataType) {
            case DataBuffer.TYPE_BYTE -> PixelType.UINT8;
            case DataBuffer.TYPE_USHORT -> PixelType.UINT16;
            case DataBuffer.TYPE_FLOAT -> PixelType.FLOAT32;
            default -> throw new VolumeFormatException(where + ": has unsupported sample type "
                    + dataTypeName(dataType) + "; expected 8/16-bit unsigned integer or 32-bit float");
        };
    }

    /**
     * Decodes page {@code index} into row-major floats in the pixel type's units (palette indices mapped to
     * gray). Where the plugin can, the raw raster is read: TwelveMonkeys clamps float samples to [0, 1] when it
     * builds a {@link BufferedImage}, but not in {@link ImageReader#readRaster}.
     */
    static float[] readPage(ImageReader reader, int index) throws IOException {
        if (reader.canReadRaster() && !(typeOf(reader, index).getColorModel() instanceof IndexColorModel)) {
            return samples(reader.readRaster(index, null));
        }
        BufferedImage image = reader.read(index);
        float[] values = samples(image.getRaster());
        if (image.getColorModel() instanceof IndexColorModel palette) {
            for (int i = 0; i < values.length; i++) {
                values[i] = palette.getRed((int) values[i]);
            }
        }
        return values;
    }

    private static float[] samples(Raster raster) {
        return raster.getSamples(raster.getMinX(), raster.getMinY(), raster.getWidth(), raster.getHeight(), 0,
                (float[]) null);
    }

    private static boolean isGrayPalette(IndexColorModel palette) {
        for (int i = 0; i < palette.getMapSize(); i++) {
            int r = palette.getRed(i);
            if (r != palette.getGreen(i) || r != palette.getBlue(i)) {
                return false;
            }
        }
        return true;
    }

    private static String dataTypeName(int dataType) {
        return switch (dataType) {
            case DataBuffer.TYPE_SHORT -> "signed 16-bit";
            case DataBuffer.TYPE_INT -> "32-bit integer";
            case DataBuffer.TYPE_DOUBLE -> "64-bit float";
            default -> "code " + dataType;
        };
    }
}
