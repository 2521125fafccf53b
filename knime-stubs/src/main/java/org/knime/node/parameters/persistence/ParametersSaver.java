package org.knime.node.parameters.persistence;

import org.knime.core.node.NodeSettingsWO;

/** Stand-in for KNIME's function that saves one parameter value to node settings. */
@FunctionalInterface
public interface ParametersSaver<T> {

    void save(T param, NodeSettingsWO nodeSettings);
}
