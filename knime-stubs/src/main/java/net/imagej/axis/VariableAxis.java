package net.imagej.axis;

/** Stand-in for imagej-common's {@code net.imagej.axis.VariableAxis}; the equation variables are not modelled. */
public abstract class VariableAxis extends AbstractCalibratedAxis {

    public VariableAxis(final AxisType type, final String unit) {
        super(type, unit);
    }
}
