package org.emsym.engine.volume.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.util.AtomicTarget;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.ForwardingVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.Volumes;
import org.emsym.engine.volume.VoxelSize;

/**
 * Writes volumes to disk, choosing the format by the target's extension: {@code .tif/.tiff} a multi-page
 * TIFF, {@code .h5/.hdf5/.hdf} an HDF5 dataset, {@code .zarr} an OME-Zarr image ({@link ZarrWriter}; a target
 * {@code x.zarr/labels/<name>} a label image of the image {@code x.zarr}), a path without extension a folder of
 * PNG sections ({@code 0000.png, 0001.png, ...}; uint8/uint16 only).
 *
 * <p>The volume is read slab by slab and written to a hidden temporary beside the target, which is moved onto
 * the target atomically only once complete. On any failure nothing appears at the target and the temporary is
 * removed. Values are rounded and clamped into the range of integer pixel types.
 *
 * <p>HDF5 limits (jhdf 0.9.4): a dataset is written from one in-memory array, so the whole volume is held
 * once in its pixel type; and only signed integers can be written, so uint8/uint16 are stored as int16/int32
 * with a {@code pixel_type} attribute that {@link VolumeReaders} honours.
 */
public final class VolumeWriters {

    private VolumeWriters() {
    }

    /**
     * Writes {@code volume} to {@code target}.
     *
     * @param datasetPath the dataset path inside an HDF5 file (required there, e.g. {@code "/raw"}); ignored
     *                    for other formats
     * @throws VolumeFormatException for an unsupported target or pixel type, naming the target
     * @throws IOException if writing fails; nothing is then left at the target
     */
    public static void write(Volume volume, Path target, String datasetPath) throws IOException {
        write(volume, target, datasetPath, ProgressSink.NONE, Cancellation.NEVER);
    }

    /**
     * Writes {@code volume} to {@code target}, reporting one step per section and checking for cancellation
     * before each; a cancelled write throws {@link org.emsym.engine.progress.CanceledException} and, like any
     * failed write, leaves nothing at the target.
     */
    public static void write(Volume volume, Path target, String datasetPath, ProgressSink progress,
                             Cancellation cancellation) throws IOException {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(target, "target");
        Volume tracked = new TrackedVolume(volume, Objects.requireNonNull(progress, "progress"),
                Objects.requireNonNull(cancellation, "cancellation"), "writing " + target.getFileName());
        try {
            switch (VolumeFormat.detect(target)) {
                case TIFF_STACK -> writeTiff(tracked, target);
                case SECTION_FOLDER -> writePngFolder(tracked, target, null);
                case HDF5 -> writeHdf5(tracked, target, datasetPath);
                case ZARR -> writeZarr(volume, target, progress, cancellation); // reports per chunk row itself
            }
        } catch (UncheckedIOException e) {
            throw new IOException(target + ": not written; reading " + volume.source() + " failed: "
                    + e.getMessage(), e.getCause());
        }
    }

    /**
     * An OME-Zarr image (chunks 16 x 256 x 256, zlib, 3 levels, Zarr v2 / NGFF 0.4), or, for a target
     * {@code <image>/labels/<name>} inside an existing image group, a label image of that group in its format.
     */
    private static void writeZarr(Volume volume, Path target, ProgressSink progress, Cancellation cancellation)
            throws IOException {
        ZarrWriter writer = ZarrWriter.builder().optProgress(progress)
                .optCancellation(cancellation).build();
        Path image = ZarrWriter.labelImageOf(target);
        if (image != null) {
            writer.writeLabels(volume, image, target.getFileName().toString());
        } else {
            writer.write(volume, target);
        }
    }

    /**
     * Checks, before any compute and changing nothing, that {@link #write} can write a volume of {@code type} to
     * {@code target}: a known format that holds the type (PNG sections hold no FLOAT32), a dataset path for
     * HDF5, and a place to write (a file target absent or a file, a section folder absent or empty, under a
     * writable folder).
     *
     * @param datasetPath as for {@link #write(Volume, Path, String)}
     * @throws IOException or IllegalArgumentException naming the target and what is wrong
     */
    public static void checkTarget(Path target, String datasetPath, PixelType type) throws IOException {
        switch (VolumeFormat.detect(target)) {
            case TIFF_STACK -> AtomicTarget.checkFile(target);
            case HDF5 -> {
                datasetParts(target, datasetPath);
                AtomicTarget.checkFile(target);
            }
            case SECTION_FOLDER -> {
                if (type == PixelType.FLOAT32) {
                    throw VolumeFormatException.of(target, "PNG sections hold 8/16-bit integers, this output is"
                            + " FLOAT32; give a .tif or .h5 name");
                }
                AtomicTarget.checkFolder(target);
            }
            case ZARR -> {
                if (Files.isRegularFile(target)) {
                    throw VolumeFormatException.of(target, "is a file; an OME-Zarr output is a folder");
                }
                AtomicTarget.checkCreatable(target);
            }
        }
    }

    /**
     * As {@link #write(Volume, Path, String, ProgressSink, Cancellation)}; a PNG section folder names its sections
     * after {@code sectionNames} (one per section, e.g. the input's {@code 19.png .. 29.png}; an extension other
     * than {@code .png} is replaced) instead of {@code 0000.png ..}. Other formats ignore the names.
     *
     * @param sectionNames null for the numbered names
     * @throws IllegalArgumentException if the names are not one per section or not distinct as PNG names
     */
    public static void write(Volume volume, Path target, String datasetPath, List<String> sectionNames)
            throws IOException {
        if (sectionNames == null || VolumeFormat.detect(target) != VolumeFormat.SECTION_FOLDER) {
            write(volume, target, datasetPath);
            return;
        }
        List<String> names = pngNames(sectionNames, volume.shape().depth(), target);
        Volume tracked = new TrackedVolume(volume, ProgressSink.NONE, Cancellation.NEVER,
                "writing " + target.getFileName());
        try {
            writePngFolder(tracked, target, names);
        } catch (UncheckedIOException e) {
            throw new IOException(target + ": not written; reading " + volume.source() + " failed: "
                    + e.getMessage(), e.getCause());
        }
    }

    /** {@code names} with a {@code .png} extension, checked to be one per section and distinct. */
    private static List<String> pngNames(List<String> names, int depth, Path target) {
        if (names.size() != depth) {
            throw new IllegalArgumentException(target + ": " + names.size() + " section names for " + depth
                    + " sections");
        }
        List<String> out = new ArrayList<>(depth);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : names) {
            int dot = name.lastIndexOf('.');
            String png = (dot > 0 ? name.substring(0, dot) : name) + ".png";
            if (png.contains("/") || png.startsWith(".") || !seen.add(png)) {
                throw new IllegalArgumentException(target + ": section name '" + name + "' cannot name a PNG"
                        + " section (hidden, a path, or twice the same name)");
            }
            out.add(png);
        }
        return out;
    }

    /** Writes a TIFF stack or a PNG section folder (formats without a dataset path). */
    public static void write(Volume volume, Path target) throws IOException {
        write(volume, target, null);
    }

    private static void writeTiff(Volume volume, Path target) throws IOException {
        VolumeShape shape = volume.shape();
        try (AtomicTarget out = AtomicTarget.file(target)) {
            ImageWriter writer = tiffWriter(target, volume.pixelType());
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out.temp().toFile())) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                writer.prepareWriteSequence(null);
                IOException[] failure = new IOException[1];
                Volumes.forEachSection(volume, (z, section) -> {
                    if (failure[0] != null) {
                        return;
                    }
                    try {
                        BufferedImage image = toImage(section, shape, volume.pixelType());
                        IIOMetadata metadata = null;
                        if (z == 0) {
                            metadata = writer.getDefaultImageMetadata(
                                    ImageTypeSpecifier.createFromRenderedImage(image), param);
                            String format = metadata.getNativeMetadataFormatName();
                            metadata.mergeTree(format,
                                    TiffTags.voxelSizeTree(format, volume.voxelSize(), shape.depth()));
                        }
                        writer.writeToSequence(new IIOImage(image, null, metadata), param);
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                });
                if (failure[0] != null) {
                    throw VolumeFormatException.of(target, "TIFF writing failed", failure[0]);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
            out.commit();
        }
    }

    /**
     * TwelveMonkeys' writer for integer pages; the JDK's own TIFF writer for float pages, which TwelveMonkeys
     * 3.12 cannot encode. Both write the same baseline TIFF tags.
     */
    private static ImageWriter tiffWriter(Path target, PixelType type) throws VolumeFormatException {
        String preferred = type == PixelType.FLOAT32 ? "com.sun.imageio" : "com.twelvemonkeys";
        ImageWriter chosen = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
            ImageWriter candidate = it.next();
            if (chosen == null || candidate.getClass().getName().startsWith(preferred)) {
                chosen = candidate;
            }
        }
        if (chosen == null || !chosen.canWriteSequence()) {
            throw VolumeFormatException.of(target, "no multi-page TIFF writer available");
        }
        return chosen;
    }

    /** @param names the file of each section, or null for {@code 0000.png ..} */
    private static void writePngFolder(Volume volume, Path target, List<String> names) throws IOException {
        if (volume.pixelType() == PixelType.FLOAT32) {
            throw VolumeFormatException.of(target, "PNG sections hold 8/16-bit integers; write a FLOAT32 volume ("
                    + volume.source() + ") as .tif or .h5 instead");
        }
        VolumeShape shape = volume.shape();
        String pattern = "%0" + Math.max(4, Integer.toString(shape.depth() - 1).length()) + "d.png";
        try (AtomicTarget out = sectionFolder(target)) {
            IOException[] failure = new IOException[1];
            Volumes.forEachSection(volume, (z, section) -> {
                if (failure[0] != null) {
                    return;
                }
                Path file = out.temp().resolve(names != null ? names.get(z) : String.format(Locale.ROOT, pattern, z));
                try {
                    if (!ImageIO.write(toImage(section, shape, volume.pixelType()), "png", file.toFile())) {
                        failure[0] = VolumeFormatException.of(target, "no PNG writer available");
                    }
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw VolumeFormatException.of(target, "PNG section writing failed", failure[0]);
            }
            out.commit();
        }
    }

    private static void writeHdf5(Volume volume, Path target, String datasetPath) throws IOException {
        String[] parts = datasetParts(target, datasetPath);
        Object data = hdf5Array(volume);
        try (AtomicTarget out = AtomicTarget.file(target)) {
            try (WritableHdfFile hdf = HdfFile.write(out.temp())) {
                WritableGroup group = hdf;
                for (int i = 0; i < parts.length - 1; i++) {
                    group = group.putGroup(parts[i]);
                }
                WritableDataset dataset = group.putDataset(parts[parts.length - 1], data);
                dataset.putAttribute(Hdf5Volume.PIXEL_TYPE_ATTRIBUTE,
                        volume.pixelType().name().toLowerCase(Locale.ROOT));
                VoxelSize size = volume.voxelSize();
                if (!VoxelSize.UNKNOWN.equals(size)) {
                    dataset.putAttribute(Hdf5Volume.VOXEL_SIZE_ATTRIBUTE, new double[] {size.z(), size.y(), size.x()});
                    dataset.putAttribute(Hdf5Volume.UNIT_ATTRIBUTE, size.unit());
                    double toMicrometre = micrometresPer(size.unit());
                    if (toMicrometre > 0) {
                        dataset.putAttribute(Hdf5Volume.ELEMENT_SIZE_UM_ATTRIBUTE, new double[] {
                            size.z() * toMicrometre, size.y() * toMicrometre, size.x() * toMicrometre});
                    }
                }
            } catch (HdfException e) {
                throw VolumeFormatException.of(target, "HDF5 writing of dataset '" + datasetPath + "' failed", e);
            }
            out.commit();
        }
    }

    private static String[] datasetParts(Path target, String datasetPath) throws VolumeFormatException {
        if (datasetPath == null || datasetPath.isBlank()) {
            throw VolumeFormatException.of(target, "writing HDF5 needs a dataset path such as /raw");
        }
        String trimmed = datasetPath.strip().replaceAll("^/+", "");
        String[] parts = trimmed.split("/");
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw VolumeFormatException.of(target, "invalid HDF5 dataset path '" + datasetPath + "'");
            }
        }
        return parts;
    }

    /** The volume as a [z][y][x] array of the stored type, filled slab by slab. */
    private static Object hdf5Array(Volume volume) {
        VolumeShape s = volume.shape();
        PixelType type = volume.pixelType();
        Object data = switch (type) {
            case UINT8 -> new short[s.depth()][s.height()][s.width()];
            case UINT16 -> new int[s.depth()][s.height()][s.width()];
            case FLOAT32 -> new float[s.depth()][s.height()][s.width()];
        };
        Volumes.forEachSection(volume, (z, section) -> {
            for (int y = 0; y < s.height(); y++) {
                int base = y * s.width();
                switch (type) {
                    case UINT8 -> {
                        short[] row = ((short[][][]) data)[z][y];
                        for (int x = 0; x < row.length; x++) {
                            row[x] = (short) toInteger(section[base + x], type);
                        }
                    }
                    case UINT16 -> {
                        int[] row = ((int[][][]) data)[z][y];
                        for (int x = 0; x < row.length; x++) {
                            row[x] = toInteger(section[base + x], type);
                        }
                    }
                    case FLOAT32 -> System.arraycopy(section, base, ((float[][][]) data)[z][y], 0, s.width());
                }
            }
        });
        return data;
    }

    private static double micrometresPer(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "nm", "nanometer", "nanometre" -> 1e-3;
            case "um", "\u00b5m", "micron", "micrometer", "micrometre" -> 1;
            default -> -1;
        };
    }

    /** A single-band image of the pixel type holding one section. */
    private static BufferedImage toImage(float[] section, VolumeShape shape, PixelType type) {
        int w = shape.width();
        int h = shape.height();
        if (type == PixelType.FLOAT32) {
            ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false,
                    false, Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
            WritableRaster raster = model.createCompatibleWritableRaster(w, h);
            raster.setSamples(0, 0, w, h, 0, section);
            return new BufferedImage(model, raster, false, null);
        }
        BufferedImage image = new BufferedImage(w, h,
                type == PixelType.UINT8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
        int[] samples = new int[section.length];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = toInteger(section[i], type);
        }
        image.getRaster().setSamples(0, 0, w, h, 0, samples);
        return image;
    }

    /**
     * Passes reads through, checking cancellation before and reporting progress after each slab. Writers
     * read every section exactly once in z order, so the fraction of sections read is the write progress.
     */
    private static final class TrackedVolume extends ForwardingVolume {
        private final ProgressSink progress;
        private final Cancellation cancellation;
        private final String task;

        TrackedVolume(Volume volume, ProgressSink progress, Cancellation cancellation, String task) {
            super(volume);
            this.progress = progress;
            this.cancellation = cancellation;
            this.task = task;
        }

        @Override
        public float[][] readSlab(int z0, int z1) {
            cancellation.check();
            float[][] slab = delegate().readSlab(z0, z1);
            int depth = shape().depth();
            progress.report((double) z1 / depth, task + ": section " + z1 + "/" + depth);
            return slab;
        }
    }

    /** Rounds and clamps into the integer type's range; NaN becomes 0. */
    private static int toInteger(float value, PixelType type) {
        if (Float.isNaN(value)) {
            return 0;
        }
        return (int) Math.max(type.minValue(), Math.min(type.maxValue(), Math.round(value)));
    }

    /** The atomic target for a section folder; a refusal (existing non-empty folder) names the target. */
    private static AtomicTarget sectionFolder(Path target) throws IOException {
        try {
            return AtomicTarget.folder(target);
        } catch (VolumeFormatException e) {
            throw e;
        } catch (IOException e) {
            String message = e.getMessage();
            String prefix = target + ": ";
            throw VolumeFormatException.of(target, message.startsWith(prefix) ? message.substring(prefix.length()) : message, e);
        }
    }
}
