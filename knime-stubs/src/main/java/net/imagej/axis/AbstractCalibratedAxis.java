package net.imagej.axis;

/** Stand-in for imagej-common's {@code net.imagej.axis.AbstractCalibratedAxis}: holds the unit. */
public abstract class AbstractCalibratedAxis extends DefaultTypedAxis implements CalibratedAxis {

    private final String m_unit;

    public AbstractCalibratedAxis(final AxisType type, final String unit) {
        super(type);
        m_unit = unit;
    }

    @Override
    public String unit() {
        return m_unit;
    }
}
