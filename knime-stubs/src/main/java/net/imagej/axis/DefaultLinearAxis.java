package net.imagej.axis;

/**
 * Stand-in for imagej-common's {@code net.imagej.axis.DefaultLinearAxis}: a calibration {@code scale * raw}
 * (origin 0) in a unit. Modelled: the constructors {@code (AxisType)} (unit null, scale 1) and
 * {@code (AxisType, String, double)}, and the {@link CalibratedAxis} methods; the real class also has an origin,
 * setters and {@code scale()} (from {@code LinearAxis}). Signatures checked against imagej-common's source
 * ({@code net/imagej/axis/DefaultLinearAxis.java}).
 */
public class DefaultLinearAxis extends Variable2Axis implements LinearAxis {

    private final double m_scale;

    public DefaultLinearAxis(final AxisType type) {
        this(type, null, 1);
    }

    public DefaultLinearAxis(final AxisType type, final String unit, final double scale) {
        // imagej-common's linear equation y = a + b * x: a is the origin, b the scale
        super(type, unit, 0, scale);
        m_scale = scale;
    }

    @Override
    public double averageScale(final double rawValue1, final double rawValue2) {
        return (m_scale * rawValue2 - m_scale * rawValue1) / (rawValue2 - rawValue1);
    }

    @Override
    public String toString() {
        return type().getLabel() + " (" + m_scale + " " + (unit() == null ? "uncalibrated" : unit()) + ")";
    }
}
