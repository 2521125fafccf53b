package net.imagej.axis;

import java.util.Objects;

/**
 * Stand-in for imagej-common's {@code net.imagej.axis.Axes}, the extensible enumeration of axis types. Modelled:
 * the core constants {@link #X}, {@link #Y}, {@link #Z}, {@link #TIME}, {@link #CHANNEL} with their real labels,
 * and {@link #unknown()}, which (as in imagej-common) returns a new type labelled {@code "Unknown"} on every call,
 * so that two unknown types are never equal. The real class also caches custom types ({@code get(String)}).
 * Field and method signatures checked against imagej-common's source ({@code net/imagej/axis/Axes.java}).
 */
public final class Axes {

    public static final AxisType X = new LabelledType("X");

    public static final AxisType Y = new LabelledType("Y");

    public static final AxisType Z = new LabelledType("Z");

    public static final AxisType TIME = new LabelledType("Time");

    public static final AxisType CHANNEL = new LabelledType("Channel");

    private Axes() {
    }

    /** A new axis type for a dimension nobody labelled; equal to no other type. */
    public static AxisType unknown() {
        return new LabelledType("Unknown");
    }

    /** An axis type compared by identity, as imagej-common's cached types are. */
    private static final class LabelledType implements AxisType {

        private final String m_label;

        LabelledType(final String label) {
            m_label = Objects.requireNonNull(label, "label");
        }

        @Override
        public String getLabel() {
            return m_label;
        }

        @Override
        public String toString() {
            return m_label;
        }
    }
}
