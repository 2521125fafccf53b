package org.knime.core.data;

/** Stand-in for KNIME's interface of a row's key; the stand-in declares none of its members. */
public interface RowKeyValue {
}
