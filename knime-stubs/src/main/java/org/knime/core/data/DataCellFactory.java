package org.knime.core.data;

/** Stand-in for KNIME's interface of cell factories; the stand-in declares none of its members. */
public interface DataCellFactory {

    /** Stand-in for KNIME's factories that create cells from a string. */
    public interface FromString extends DataCellFactory {
    }

    /** Stand-in for KNIME's factories that create cells from a single-line string. */
    public interface FromSimpleString extends FromString {
    }

    /** Stand-in for KNIME's factories that create cells from a multi-line string. */
    public interface FromComplexString extends FromString {
    }
}
