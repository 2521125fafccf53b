package org.knime.core.data;

/** Stand-in for KNIME's interface of cells of nominal (categorical) values; the stand-in declares none of its members. */
public interface NominalValue extends DataValue {
}
