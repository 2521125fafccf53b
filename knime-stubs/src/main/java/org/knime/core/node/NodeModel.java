package org.knime.core.node;

import java.io.File;
import java.io.IOException;
import java.util.Objects;

import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Stand-in for KNIME's node model. The framework (in tests: the harness bridge in this package) calls the
 * protected methods in KNIME's order: settings validated then loaded, {@code configure} with input specs,
 * {@code execute} with input objects, {@code reset}.
 */
public abstract class NodeModel implements AbstractNodeView.ViewableModel {

    private final PortType[] m_inPortTypes;

    private final PortType[] m_outPortTypes;

    private String m_warningMessage;

    protected NodeModel(final PortType[] inPortTypes, final PortType[] outPortTypes) {
        m_inPortTypes = Objects.requireNonNull(inPortTypes, "inPortTypes").clone();
        m_outPortTypes = Objects.requireNonNull(outPortTypes, "outPortTypes").clone();
    }

    protected final int getNrInPorts() {
        return m_inPortTypes.length;
    }

    protected final int getNrOutPorts() {
        return m_outPortTypes.length;
    }

    protected final PortType getInPortType(final int index) {
        return m_inPortTypes[index];
    }

    protected final PortType getOutPortType(final int index) {
        return m_outPortTypes[index];
    }

    /**
     * Computes output specs from input specs without touching data. The stand-in models only port-object
     * nodes, so there is no data-table fallback.
     */
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        throw new IllegalStateException(getClass().getName() + " does not override configure(PortObjectSpec[])");
    }

    /** Computes the output objects. */
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        throw new IllegalStateException(getClass().getName() + " does not override execute(PortObject[], ...)");
    }

    protected abstract void saveSettingsTo(NodeSettingsWO settings);

    protected abstract void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException;

    protected abstract void loadValidatedSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException;

    protected abstract void reset();

    protected abstract void loadInternals(File nodeInternDir, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    protected abstract void saveInternals(File nodeInternDir, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    /** Shows a warning on the node (yellow triangle); null clears it. */
    protected final void setWarningMessage(final String warningMessage) {
        m_warningMessage = warningMessage;
    }

    protected final String getWarningMessage() {
        return m_warningMessage;
    }
}
