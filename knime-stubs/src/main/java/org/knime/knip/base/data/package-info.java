/** Stand-in for KNIP's {@code org.knime.knip.base.data} (only the types the image cell and factory extend). */
package org.knime.knip.base.data;
