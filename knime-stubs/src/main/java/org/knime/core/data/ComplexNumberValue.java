package org.knime.core.data;

/** Stand-in for KNIME's interface of cells readable as a complex number; the stand-in declares none of its members. */
public interface ComplexNumberValue extends DataValue {
}
