package org.emsym.knime.util;

import java.io.File;
import java.io.IOException;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortType;

/**
 * A node model whose settings are one {@link SettingsGroup}: saving, validating and loading settings go through
 * it, and by default the node keeps no internals and caches nothing to reset. Nodes that do override those.
 *
 * @param <S> the node's settings
 */
public abstract class SettingsNodeModel<S extends SettingsGroup> extends NodeModel {

    /** The node's current settings. */
    protected final S settings;

    protected SettingsNodeModel(PortType[] inPortTypes, PortType[] outPortTypes, S settings) {
        super(inPortTypes, outPortTypes);
        this.settings = settings;
    }

    @Override
    protected void saveSettingsTo(NodeSettingsWO s) {
        settings.saveSettingsTo(s);
    }

    @Override
    protected void validateSettings(NodeSettingsRO s) throws InvalidSettingsException {
        settings.validateSettings(s);
    }

    @Override
    protected void loadValidatedSettingsFrom(NodeSettingsRO s) throws InvalidSettingsException {
        settings.loadSettingsFrom(s);
    }

    @Override
    protected void reset() {
        // nothing cached
    }

    @Override
    protected void loadInternals(File nodeInternDir, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        // no internals: the outputs carry everything
    }

    @Override
    protected void saveInternals(File nodeInternDir, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        // no internals
    }
}
