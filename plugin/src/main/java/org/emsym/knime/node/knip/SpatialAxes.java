package org.emsym.knime.node.knip;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.emsym.engine.volume.VoxelSize;

import net.imagej.ImgPlus;
import net.imagej.axis.Axes;
import net.imagej.axis.AxisType;
import net.imagej.axis.CalibratedAxis;
import net.imagej.axis.DefaultLinearAxis;

/**
 * Where a Volume's x, y and z lie among the dimensions of a KNIME Image Processing image, and how its voxel size
 * maps onto the image's axis calibration.
 *
 * <p>Reading an image: axes labelled X, Y, Z go to x, y, z whatever their order; unlabelled axes (imagej-common's
 * "Unknown" type, e.g. the third axis of an image made without axes) fill the free places in x, y, z order, so an
 * unlabelled image reads as (x, y[, z]); other axes (Channel, Time, ...) must have size 1 and are dropped. A place
 * no axis fills has extent 1 (a 2-D image is one section).
 *
 * @param x image dimension holding x, or {@link #ABSENT}
 * @param y image dimension holding y, or {@link #ABSENT}
 * @param z image dimension holding z, or {@link #ABSENT}
 */
record SpatialAxes(int x, int y, int z) {

    /** Marks a place that no image dimension fills. */
    static final int ABSENT = -1;

    private static final AxisType[] XYZ = {Axes.X, Axes.Y, Axes.Z};

    /** The label imagej-common gives the types of {@code Axes.unknown()}: dimensions nobody labelled. */
    private static final String UNKNOWN_LABEL = "Unknown";

    /** The unit KNIP images without calibration stand for; a Volume calls it "px". */
    private static final String PIXEL_UNIT = "px";

    /** The image dimension holding x (place 0), y (1) or z (2), or {@link #ABSENT}. */
    int dimension(int place) {
        return switch (place) {
            case 0 -> x;
            case 1 -> y;
            case 2 -> z;
            default -> throw new IndexOutOfBoundsException("place " + place + " of x, y, z");
        };
    }

    /**
     * Finds x, y and z among the image's axes.
     *
     * @throws IllegalArgumentException naming the axes when the image has fewer than 2 dimensions, an axis type
     *             twice, a non-spatial axis of size above 1, or more than three spatial axes
     */
    static SpatialAxes of(ImgPlus<?> image, String source) {
        int n = image.numDimensions();
        if (n < 2) {
            throw new IllegalArgumentException("image " + source + " has axes " + describe(image)
                    + "; only 2-D (x, y) and 3-D (x, y, z) images convert to a Volume");
        }
        int[] place = {ABSENT, ABSENT, ABSENT};
        List<Integer> unlabelled = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            AxisType type = image.axis(d).type();
            int p = spatialPlace(type);
            if (p >= 0) {
                if (place[p] != ABSENT) {
                    throw new IllegalArgumentException("image " + source + " has axes " + describe(image)
                            + ": axis " + type.getLabel() + " appears twice");
                }
                place[p] = d;
            } else if (UNKNOWN_LABEL.equals(type.getLabel())) {
                unlabelled.add(d);
            } else if (image.getImg().dimension(d) > 1) {
                throw new IllegalArgumentException("image " + source + " has axes " + describe(image) + ": its "
                        + type.getLabel() + " axis has size " + image.getImg().dimension(d) + ", but a Volume holds "
                        + "only X, Y and Z; reduce it to one " + type.getLabel() + " with KNIP first");
            }
        }
        for (int d : unlabelled) {
            int free = freePlace(place);
            if (free != ABSENT) {
                place[free] = d;
            } else if (image.getImg().dimension(d) > 1) {
                throw new IllegalArgumentException("image " + source + " has axes " + describe(image)
                        + ": more than three spatial axes; only 2-D (x, y) and 3-D (x, y, z) images convert to a "
                        + "Volume");
            }
        }
        return new SpatialAxes(place[0], place[1], place[2]);
    }

    /** 0, 1, 2 for X, Y, Z, by label (imagej-common caches types by label, but a type may come deserialized). */
    private static int spatialPlace(AxisType type) {
        for (int p = 0; p < XYZ.length; p++) {
            if (XYZ[p].getLabel().equals(type.getLabel())) {
                return p;
            }
        }
        return ABSENT;
    }

    private static int freePlace(int[] place) {
        for (int p = 0; p < place.length; p++) {
            if (place[p] == ABSENT) {
                return p;
            }
        }
        return ABSENT;
    }

    /** The image's axes with their sizes, such as {@code [Z=4, Y=6, X=5]}. */
    static String describe(ImgPlus<?> image) {
        List<String> axes = new ArrayList<>();
        for (int d = 0; d < image.numDimensions(); d++) {
            axes.add(image.axis(d).type().getLabel() + "=" + image.getImg().dimension(d));
        }
        return axes.toString();
    }

    /**
     * The voxel size the image's X, Y and Z calibration gives. Uncalibrated axes (no unit, or ImageJ's "pixel")
     * give unit "px", so an image without calibration reads as {@link VoxelSize#UNKNOWN}. Spatial axes in
     * different length units (nm, um, mm) are converted to nm. A place no axis fills gets spacing 1.
     *
     * @throws IllegalArgumentException naming the axes when a spacing is not positive or the units cannot be
     *             brought to one
     */
    VoxelSize voxelSize(ImgPlus<?> image, String source) {
        double[] spacing = {1, 1, 1};
        String[] units = new String[3];
        Set<String> distinct = new LinkedHashSet<>();
        for (int p = 0; p < 3; p++) {
            int d = dimension(p);
            if (d == ABSENT) {
                continue;
            }
            CalibratedAxis axis = image.axis(d);
            spacing[p] = axis.averageScale(0, 1);
            if (!(spacing[p] > 0) || Double.isInfinite(spacing[p])) {
                throw new IllegalArgumentException("image " + source + ": axis " + axis.type().getLabel()
                        + " has scale " + spacing[p] + "; a voxel size must be positive");
            }
            units[p] = canonicalUnit(axis.unit());
            distinct.add(units[p]);
        }
        if (distinct.size() > 1) {
            for (int p = 0; p < 3; p++) {
                double nmPerUnit = units[p] == null ? 1 : nanometresPer(units[p]);
                if (!(nmPerUnit > 0)) {
                    throw new IllegalArgumentException("image " + source + " has spatial axes in units "
                            + unitsByAxis(units) + " that do not convert into one another; give X, Y and Z "
                            + "length units, or none, in KNIP first");
                }
                spacing[p] *= nmPerUnit;
            }
            return VoxelSize.nm(spacing[2], spacing[1], spacing[0]);
        }
        String unit = distinct.isEmpty() ? PIXEL_UNIT : distinct.iterator().next();
        return new VoxelSize(spacing[2], spacing[1], spacing[0], unit);
    }

    private static String unitsByAxis(String[] units) {
        List<String> parts = new ArrayList<>();
        for (int p = 0; p < units.length; p++) {
            if (units[p] != null) {
                parts.add(XYZ[p].getLabel() + ": " + units[p]);
            }
        }
        return parts.toString();
    }

    /** The unit as a Volume names it: "px" for none, "um" for micrometres; others unchanged. */
    private static String canonicalUnit(String unit) {
        if (unit == null || unit.isBlank()) {
            return PIXEL_UNIT;
        }
        String u = unit.trim();
        return switch (u.toLowerCase(Locale.ROOT)) {
            case "px", "pixel", "pixels" -> PIXEL_UNIT;
            case "\u00b5m", "\u03bcm", "micron", "microns", "micrometer", "micrometre" -> "um";
            default -> u;
        };
    }

    /** Nanometres per unit, or -1 for units that are not lengths this adapter knows. */
    private static double nanometresPer(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "nm", "nanometer", "nanometre" -> 1;
            case "um" -> 1e3;
            case "mm", "millimeter", "millimetre" -> 1e6;
            default -> -1;
        };
    }

    /**
     * X, Y and Z axes calibrated with the voxel size: linear, origin 0, scale the spacing. Unit "px" (no physical
     * size, as {@link VoxelSize#UNKNOWN}) gives uncalibrated axes, with no unit.
     */
    static CalibratedAxis[] calibratedXyz(VoxelSize size) {
        String unit = PIXEL_UNIT.equals(canonicalUnit(size.unit())) ? null : size.unit();
        return new CalibratedAxis[] {new DefaultLinearAxis(Axes.X, unit, size.x()),
            new DefaultLinearAxis(Axes.Y, unit, size.y()), new DefaultLinearAxis(Axes.Z, unit, size.z())};
    }
}
