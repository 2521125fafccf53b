package org.emsym.engine.volume.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.emsym.engine.volume.VoxelSize;
import org.w3c.dom.Node;

/**
 * TIFF tags in the native metadata tree (TIFFIFD / TIFFField) that the TwelveMonkeys and JDK plugins share:
 * strip/tile extents (to detect truncated files) and the voxel size.
 *
 * <p>Voxel size is stored the way ImageJ does: XResolution/YResolution hold pixels per unit, and the
 * ImageDescription holds {@code unit=} and {@code spacing=} (z) lines. The description deliberately has no
 * leading {@code ImageJ=} line: ImageJ would then assume its own contiguous page layout, which other writers
 * do not follow.
 */
final class TiffTags {

    static final String NATIVE_FORMAT = "com_sun_media_imageio_plugins_tiff_image_1.0";
    /** The JDK plugin's name for the same tree layout. */
    static final String JDK_NATIVE_FORMAT = "javax_imageio_tiff_image_1.0";

    static final int IMAGE_DESCRIPTION = 270;
    static final int STRIP_OFFSETS = 273;
    static final int STRIP_BYTE_COUNTS = 279;
    static final int X_RESOLUTION = 282;
    static final int Y_RESOLUTION = 283;
    static final int RESOLUTION_UNIT = 296;
    static final int TILE_OFFSETS = 324;
    static final int TILE_BYTE_COUNTS = 325;

    private TiffTags() {
    }

    /** Whether {@code metadata} can be read as the native TIFF tree this class understands. */
    static boolean hasNativeTree(IIOMetadata metadata) {
        return metadata != null && (NATIVE_FORMAT.equals(metadata.getNativeMetadataFormatName())
                || JDK_NATIVE_FORMAT.equals(metadata.getNativeMetadataFormatName()));
    }

    /** Values of one numeric tag (rationals as num/den), empty if absent. */
    static List<Double> numbers(IIOMetadata metadata, int tag) {
        List<Double> values = new ArrayList<>();
        Node field = field(metadata, tag);
        if (field == null) {
            return values;
        }
        for (Node list = field.getFirstChild(); list != null; list = list.getNextSibling()) {
            for (Node value = list.getFirstChild(); value != null; value = value.getNextSibling()) {
                Node attr = value.getAttributes() == null ? null : value.getAttributes().getNamedItem("value");
                if (attr != null) {
                    values.add(parseNumber(attr.getNodeValue()));
                }
            }
        }
        return values;
    }

    /** The first ASCII value of a tag, or null. */
    static String ascii(IIOMetadata metadata, int tag) {
        Node field = field(metadata, tag);
        if (field == null || field.getFirstChild() == null || field.getFirstChild().getFirstChild() == null) {
            return null;
        }
        Node attr = field.getFirstChild().getFirstChild().getAttributes().getNamedItem("value");
        return attr == null ? null : attr.getNodeValue();
    }

    /** The largest byte offset any strip or tile of the page reaches, or -1 if the tags are missing. */
    static long dataEnd(IIOMetadata metadata) {
        List<Double> offsets = numbers(metadata, STRIP_OFFSETS);
        List<Double> counts = numbers(metadata, STRIP_BYTE_COUNTS);
        if (offsets.isEmpty()) {
            offsets = numbers(metadata, TILE_OFFSETS);
            counts = numbers(metadata, TILE_BYTE_COUNTS);
        }
        if (offsets.isEmpty() || offsets.size() != counts.size()) {
            return -1;
        }
        long end = 0;
        for (int i = 0; i < offsets.size(); i++) {
            end = Math.max(end, (long) (offsets.get(i) + counts.get(i)));
        }
        return end;
    }

    /** The voxel size stored by {@link #voxelSizeTree}, or by ImageJ; {@link VoxelSize#UNKNOWN} otherwise. */
    static VoxelSize voxelSize(IIOMetadata metadata) {
        String description = ascii(metadata, IMAGE_DESCRIPTION);
        List<Double> xres = numbers(metadata, X_RESOLUTION);
        List<Double> yres = numbers(metadata, Y_RESOLUTION);
        if (description == null || xres.isEmpty() || yres.isEmpty()) {
            return VoxelSize.UNKNOWN;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : description.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                entries.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        String unit = entries.get("unit");
        String spacing = entries.get("spacing");
        if (unit == null || spacing == null || !(xres.get(0) > 0) || !(yres.get(0) > 0)) {
            return VoxelSize.UNKNOWN;
        }
        try {
            return new VoxelSize(Double.parseDouble(spacing), 1 / yres.get(0), 1 / xres.get(0), canonicalUnit(unit));
        } catch (IllegalArgumentException e) {
            return VoxelSize.UNKNOWN;
        }
    }

    /**
     * A native tree with the description and resolution tags for {@code size}, to merge into page metadata.
     * Returns a tree with only the description when the size is unknown.
     */
    static IIOMetadataNode voxelSizeTree(String formatName, VoxelSize size, int pages) {
        IIOMetadataNode root = new IIOMetadataNode(formatName);
        IIOMetadataNode ifd = new IIOMetadataNode("TIFFIFD");
        root.appendChild(ifd);
        StringBuilder description = new StringBuilder("emsym=1\nimages=").append(pages).append('\n');
        if (!VoxelSize.UNKNOWN.equals(size)) {
            description.append("unit=").append(size.unit()).append('\n')
                    .append("spacing=").append(size.z()).append('\n');
            ifd.appendChild(rationalField(X_RESOLUTION, "XResolution", 1 / size.x()));
            ifd.appendChild(rationalField(Y_RESOLUTION, "YResolution", 1 / size.y()));
            ifd.appendChild(shortField(RESOLUTION_UNIT, "ResolutionUnit", 1)); // 1 = no absolute unit
        }
        ifd.appendChild(asciiField(IMAGE_DESCRIPTION, "ImageDescription", description.toString()));
        return root;
    }

    private static String canonicalUnit(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        return u.equals("micron") || u.equals("\\u00b5m") ? "um" : unit;
    }

    private static Node field(IIOMetadata metadata, int tag) {
        Node root = metadata.getAsTree(metadata.getNativeMetadataFormatName());
        for (Node ifd = root.getFirstChild(); ifd != null; ifd = ifd.getNextSibling()) {
            for (Node field = ifd.getFirstChild(); field != null; field = field.getNextSibling()) {
                Node number = field.getAttributes() == null ? null : field.getAttributes().getNamedItem("number");
                if (number != null && Integer.parseInt(number.getNodeValue()) == tag) {
                    return field;
                }
            }
        }
        return null;
    }

    private static double parseNumber(String text) {
        int slash = text.indexOf('/');
        if (slash > 0) {
            double den = Double.parseDouble(text.substring(slash + 1));
            return den == 0 ? 0 : Double.parseDouble(text.substring(0, slash)) / den;
        }
        return Double.parseDouble(text);
    }

    /** A rational with a fixed large numerator so that {@code 1 / value} (the voxel size) comes back exactly. */
    private static IIOMetadataNode rationalField(int tag, String name, double value) {
        double size = 1 / value;
        long numerator = (long) Math.min(1_000_000, Math.floor(4.0e9 / Math.max(size, 1e-9)));
        long denominator = Math.max(1, Math.round(size * numerator));
        IIOMetadataNode rational = new IIOMetadataNode("TIFFRational");
        rational.setAttribute("value", numerator + "/" + denominator);
        return field(tag, name, "TIFFRationals", rational);
    }

    private static IIOMetadataNode shortField(int tag, String name, int value) {
        IIOMetadataNode s = new IIOMetadataNode("TIFFShort");
        s.setAttribute("value", Integer.toString(value));
        return field(tag, name, "TIFFShorts", s);
    }

    private static IIOMetadataNode asciiField(int tag, String name, String value) {
        IIOMetadataNode ascii = new IIOMetadataNode("TIFFAscii");
        ascii.setAttribute("value", value);
        return field(tag, name, "TIFFAsciis", ascii);
    }

    private static IIOMetadataNode field(int tag, String name, String listName, IIOMetadataNode value) {
        IIOMetadataNode field = new IIOMetadataNode("TIFFField");
        field.setAttribute("number", Integer.toString(tag));
        field.setAttribute("name", name);
        IIOMetadataNode list = new IIOMetadataNode(listName);
        list.appendChild(value);
        field.appendChild(list);
        return field;
    }
}
