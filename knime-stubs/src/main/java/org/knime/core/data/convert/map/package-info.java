/** Stand-in for KNIME's {@code org.knime.core.data.convert.map} (only the types the stand-in's types extend). */
package org.knime.core.data.convert.map;
