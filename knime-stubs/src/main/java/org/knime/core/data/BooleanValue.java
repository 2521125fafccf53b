package org.knime.core.data;

/** Stand-in for KNIME's interface of cells holding a boolean. */
public interface BooleanValue extends DataValue {

    boolean getBooleanValue();
}
