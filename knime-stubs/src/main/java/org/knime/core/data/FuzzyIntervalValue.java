package org.knime.core.data;

/** Stand-in for KNIME's interface of cells readable as a fuzzy interval; the stand-in declares none of its members. */
public interface FuzzyIntervalValue extends DataValue {
}
