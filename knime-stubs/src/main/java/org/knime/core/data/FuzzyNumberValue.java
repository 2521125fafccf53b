package org.knime.core.data;

/** Stand-in for KNIME's interface of cells readable as a fuzzy number; the stand-in declares none of its members. */
public interface FuzzyNumberValue extends DataValue {
}
