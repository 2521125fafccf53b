/** Stand-in for KNIME's {@code org.knime.core.data.filestore} (only {@code FileStoreCell}). */
package org.knime.core.data.filestore;
