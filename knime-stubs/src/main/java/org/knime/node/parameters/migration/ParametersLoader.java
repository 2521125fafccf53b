package org.knime.node.parameters.migration;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;

/** Stand-in for KNIME's function that loads one parameter value from node settings. */
@FunctionalInterface
public interface ParametersLoader<T> {

    T load(NodeSettingsRO settings) throws InvalidSettingsException;
}
