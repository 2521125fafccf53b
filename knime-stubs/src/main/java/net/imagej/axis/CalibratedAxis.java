package net.imagej.axis;

/**
 * Stand-in for imagej-common's {@code net.imagej.axis.CalibratedAxis}: the type, unit and calibration of one
 * image dimension. Modelled: {@code type()} (from {@link TypedAxis}), {@link #unit()} and {@link #averageScale(double, double)}; the real interface also has
 * setters, {@code calibratedValue}, {@code rawValue}, equations and {@code copy()}. Signatures checked against
 * imagej-common's source ({@code net/imagej/axis/CalibratedAxis.java}, {@code TypedAxis.java}).
 */
public interface CalibratedAxis extends TypedAxis {

    /** The unit of calibrated values, or null when the dimension is uncalibrated. */
    String unit();

    /** Calibrated distance per raw unit between two raw positions; for a linear axis, its scale. */
    double averageScale(double rawValue1, double rawValue2);
}
