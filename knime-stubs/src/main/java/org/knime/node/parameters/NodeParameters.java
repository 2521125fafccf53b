package org.knime.node.parameters;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.persistence.Persistable;

/**
 * Stand-in for KNIME's node parameters (since 5.6): a class with a public or private no-argument constructor
 * whose non-static fields are the node's settings. KNIME renders the dialog from the fields' {@link Widget}
 * annotations and saves each field under its name (or its {@code @Persist(configKey)}).
 */
public interface NodeParameters extends Persistable, WidgetGroup {

    default void validate() throws InvalidSettingsException {
        // nothing to check by default
    }
}
