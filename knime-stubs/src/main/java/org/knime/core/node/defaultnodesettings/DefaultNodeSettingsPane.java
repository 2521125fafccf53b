package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Stand-in for KNIME's default dialog: a list of dialog components, each bound to a settings model, loaded and
 * saved in order. Layout calls (tabs, groups) are accepted and ignored.
 */
public class DefaultNodeSettingsPane extends NodeDialogPane {

    private final List<DialogComponent> m_dialogComponents = new ArrayList<>();

    public DefaultNodeSettingsPane() {
    }

    public void addDialogComponent(final DialogComponent diaC) {
        m_dialogComponents.add(diaC);
    }

    public void createNewGroup(final String title) {
    }

    public void closeCurrentGroup() {
    }

    public void createNewTab(final String tabTitle) {
    }

    public void setHorizontalPlacement(final boolean horizontal) {
    }

    @Override
    public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        for (DialogComponent comp : m_dialogComponents) {
            comp.loadSettingsFrom(settings, specs);
        }
        loadAdditionalSettingsFrom(settings, specs);
    }

    @Override
    public final void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        for (DialogComponent comp : m_dialogComponents) {
            comp.saveSettingsTo(settings);
        }
        saveAdditionalSettingsTo(settings);
    }

    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
    }

    public void saveAdditionalSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
    }

    /** The components in the order they were added (read by {@code org.emsym.knime.standin.StandIn}). */
    List<DialogComponent> dialogComponents() {
        return Collections.unmodifiableList(m_dialogComponents);
    }
}
