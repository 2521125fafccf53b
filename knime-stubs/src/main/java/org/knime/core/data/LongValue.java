package org.knime.core.data;

/** Stand-in for KNIME's interface of cells holding a long. */
public interface LongValue extends DataValue {

    long getLongValue();
}
