package org.knime.node.parameters.persistence;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.node.parameters.migration.ParametersLoader;

/**
 * Stand-in for KNIME's custom persistence of a parameter field (named by {@link Persistor}): how the value is
 * saved and loaded, and the config paths it occupies (for flow variables and {@code @Migrate}). KNIME creates it
 * through its no-argument constructor.
 */
public interface NodeParametersPersistor<T> extends ParametersSaver<T>, ParametersLoader<T> {

    @Override
    T load(NodeSettingsRO settings) throws InvalidSettingsException;

    @Override
    void save(T param, NodeSettingsWO settings);

    String[][] getConfigPaths();
}
