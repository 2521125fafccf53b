package org.knime.core.data;

/** Stand-in for KNIME's interface of cells whose values have a lower and an upper bound; the stand-in declares none of its members. */
public interface BoundedValue extends DataValue {
}
