package org.knime.core.data;

/** Stand-in for KNIME's marker interface of the value types a cell offers. */
public interface DataValue {
}
