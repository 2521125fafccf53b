/** Stand-in for KNIME's {@code org.knime.core.internal} (only the types the stand-in's API types extend). */
package org.knime.core.internal;
