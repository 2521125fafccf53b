/** Stand-in for KNIME's {@code org.knime.core.data.filestore.internal} (only what {@code FileStoreCell} implements). */
package org.knime.core.data.filestore.internal;
