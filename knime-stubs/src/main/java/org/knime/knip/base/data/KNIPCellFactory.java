package org.knime.knip.base.data;

import org.knime.core.data.DataCellFactory;
import org.knime.core.node.ExecutionContext;

/** Stand-in for KNIP's base of cell factories; the stand-in keeps cells in memory and needs no file stores. */
public abstract class KNIPCellFactory implements DataCellFactory {

    public KNIPCellFactory(final ExecutionContext exec) {
        // KNIP creates file stores through the execution context; the stand-in does not
    }
}
