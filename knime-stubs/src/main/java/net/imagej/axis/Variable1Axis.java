package net.imagej.axis;

/**
 * Stand-in for imagej-common's {@code net.imagej.axis.Variable1Axis}; the variable {@code a} is not modelled (the
 * stand-in's {@link DefaultLinearAxis} keeps its scale itself).
 */
public abstract class Variable1Axis extends VariableAxis {

    public Variable1Axis(final AxisType type, final String unit, final double a) {
        super(type, unit);
    }
}
