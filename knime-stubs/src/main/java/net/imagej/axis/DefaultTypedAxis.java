package net.imagej.axis;

import java.util.Objects;

/** Stand-in for imagej-common's {@code net.imagej.axis.DefaultTypedAxis}: holds the axis type. */
public class DefaultTypedAxis implements TypedAxis {

    private final AxisType m_type;

    public DefaultTypedAxis(final AxisType type) {
        m_type = Objects.requireNonNull(type, "type");
    }

    @Override
    public AxisType type() {
        return m_type;
    }
}
