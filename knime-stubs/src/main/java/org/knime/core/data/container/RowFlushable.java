package org.knime.core.data.container;

/** Stand-in for KNIME's interface of row containers that can flush; the stand-in declares none of its members. */
public interface RowFlushable {
}
