package org.knime.core.data.container;

import org.knime.core.data.RowIterator;

// A stand-in as it was before issue 13: AutoCloseable where KNIME has Closeable; close() throwing what KNIME's does not.
public abstract class CloseableRowIterator extends RowIterator implements AutoCloseable {

    @Override
    public abstract void close() throws Exception;
}
