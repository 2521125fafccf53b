package org.knime.core.data.filestore;

import org.knime.core.data.DataCell;
import org.knime.core.data.filestore.internal.FileStoreProxy.FlushCallback;

/**
 * Stand-in for KNIME's cells backed by file stores. The stand-in keeps cell content in memory and has no file
 * stores; it declares only the constructor without file stores.
 */
public abstract class FileStoreCell extends DataCell implements FlushCallback {

    private static final long serialVersionUID = 1L;

    protected FileStoreCell() {
    }
}
