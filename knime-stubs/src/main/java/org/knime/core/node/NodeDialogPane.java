package org.knime.core.node;

import org.knime.core.node.port.PortObjectSpec;

/** Stand-in for KNIME's node dialog: loads settings into its components and saves them back. No Swing here. */
public abstract class NodeDialogPane {

    protected NodeDialogPane() {
    }

    protected void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
    }

    protected abstract void saveSettingsTo(NodeSettingsWO settings) throws InvalidSettingsException;
}
