package net.imagej.axis;

/** Stand-in for imagej-common's {@code net.imagej.axis.Axis}, the root of the axis types; declares none of its members. */
public interface Axis {
}
