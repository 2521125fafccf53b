package org.knime.core.data.filestore.internal;

/** Stand-in for KNIME's file store proxy; the stand-in has only the nested callback interface. */
public final class FileStoreProxy {

    private FileStoreProxy() {
    }

    /** Stand-in for KNIME's callback of cells whose file stores are flushed. */
    public interface FlushCallback {
    }
}
