package org.knime.core.data;

/** Stand-in for KNIME's interface of cells holding a double. */
public interface DoubleValue extends DataValue {

    double getDoubleValue();
}
