package org.knime.core.node;

import org.knime.core.node.config.ConfigWO;

/** Stand-in for KNIME's write-only model content. */
public interface ModelContentWO extends ConfigWO {

    ModelContentWO addModelContent(String key);
}
