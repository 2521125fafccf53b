package org.knime.core.data;

/** Stand-in for KNIME's interface of cells holding an int. */
public interface IntValue extends DataValue {

    int getIntValue();
}
