package net.imagej.axis;

/**
 * Stand-in for imagej-common's {@code net.imagej.axis.Variable2Axis}; the variables {@code a} and {@code b} are
 * not modelled (the stand-in's {@link DefaultLinearAxis} keeps its scale itself).
 */
public abstract class Variable2Axis extends Variable1Axis {

    public Variable2Axis(final AxisType type, final String unit, final double a, final double b) {
        super(type, unit, a);
    }
}
