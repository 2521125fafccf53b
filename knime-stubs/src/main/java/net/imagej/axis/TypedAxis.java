package net.imagej.axis;

/** Stand-in for imagej-common's {@code net.imagej.axis.TypedAxis}: an axis with a type (the setter is not modelled). */
public interface TypedAxis extends Axis {

    /** What the dimension holds. */
    AxisType type();
}
