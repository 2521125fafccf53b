package net.imagej.axis;

import java.util.Objects;

/**
 * Stand-in for imagej-common's {@code net.imagej.axis.DefaultLinearAxis}: a calibration {@code scale * raw}
 * (origin 0) in a unit. Modelled: the constructors {@code (AxisType)} (unit null, scale 1) and
 * {@code (AxisType, String, double)}, and the {@link CalibratedAxis} methods; the real class also has an origin,
 * setters and {@code scale()} (from {@code LinearAxis}). Signatures checked against imagej-common's source
 * ({@code net/imagej/axis/DefaultLinearAxis.java}).
 */
public class DefaultLinearAxis implements CalibratedAxis {

    private final AxisType m_type;

    private final String m_unit;

    private final double m_scale;

    public DefaultLinearAxis(final AxisType type) {
        this(type, null, 1);
    }

    public DefaultLinearAxis(final AxisType type, final String unit, final double scale) {
        m_type = Objects.requireNonNull(type, "type");
        m_unit = unit;
        m_scale = scale;
    }

    @Override
    public AxisType type() {
        return m_type;
    }

    @Override
    public String unit() {
        return m_unit;
    }

    @Override
    public double averageScale(final double rawValue1, final double rawValue2) {
        return (m_scale * rawValue2 - m_scale * rawValue1) / (rawValue2 - rawValue1);
    }

    @Override
    public String toString() {
        return m_type.getLabel() + " (" + m_scale + " " + (m_unit == null ? "uncalibrated" : m_unit) + ")";
    }
}
