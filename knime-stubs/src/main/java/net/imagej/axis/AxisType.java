package net.imagej.axis;

/**
 * Stand-in for imagej-common's {@code net.imagej.axis.AxisType}: what a dimension of an image holds (X, Y, Z,
 * Channel, Time, ...). Only {@link #getLabel()} is modelled; the real interface also has {@code isXY()} and
 * {@code isSpatial()}. Signature checked against imagej-common's source ({@code net/imagej/axis/AxisType.java}).
 */
public interface AxisType {

    /** The type's name, such as {@code "X"} or {@code "Channel"}. */
    String getLabel();
}
