/** Stand-in for knime-shared's {@code org.knime.core.node.config.base} (the supertypes of {@code Config}). */
package org.knime.core.node.config.base;
