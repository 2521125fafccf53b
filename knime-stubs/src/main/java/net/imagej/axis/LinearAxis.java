package net.imagej.axis;

/** Stand-in for imagej-common's {@code net.imagej.axis.LinearAxis}; declares none of its members (scale, origin). */
public interface LinearAxis extends CalibratedAxis {
}
