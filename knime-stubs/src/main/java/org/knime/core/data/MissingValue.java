package org.knime.core.data;

/** Stand-in for KNIME's interface of missing-value cells. */
public interface MissingValue extends DataValue {

    String getError();
}
