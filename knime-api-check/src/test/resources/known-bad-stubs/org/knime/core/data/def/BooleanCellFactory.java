package org.knime.core.data.def;

// A stand-in as it was before issue 13: a top-level type KNIME does not have (it nests it in BooleanCell).
public final class BooleanCellFactory {
}
