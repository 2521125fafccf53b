package org.knime.core.node;

import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Test-only bridge into the framework side. It lives in KNIME's package so that, like KNIME's own {@code Node}
 * class, it can call the protected node model and factory methods; plugin code never can. It uses only
 * members KNIME has (checked by knime-api-check); what only the stand-in has goes through
 * {@code org.emsym.knime.standin.StandIn}.
 */
public final class FrameworkBridge {

    private FrameworkBridge() {
    }

    public static PortObjectSpec[] configure(final NodeModel model, final PortObjectSpec[] inSpecs)
        throws InvalidSettingsException {
        return model.configure(inSpecs);
    }

    public static PortObject[] execute(final NodeModel model, final PortObject[] inObjects,
        final ExecutionContext exec) throws Exception {
        return model.execute(inObjects, exec);
    }

    public static void saveSettingsTo(final NodeModel model, final NodeSettingsWO settings) {
        model.saveSettingsTo(settings);
    }

    public static void validateSettings(final NodeModel model, final NodeSettingsRO settings)
        throws InvalidSettingsException {
        model.validateSettings(settings);
    }

    public static void loadValidatedSettingsFrom(final NodeModel model, final NodeSettingsRO settings)
        throws InvalidSettingsException {
        model.loadValidatedSettingsFrom(settings);
    }

    public static void reset(final NodeModel model) {
        model.reset();
    }

    public static String warningMessage(final NodeModel model) {
        return model.getWarningMessage();
    }

    public static int nrInPorts(final NodeModel model) {
        return model.getNrInPorts();
    }

    public static int nrOutPorts(final NodeModel model) {
        return model.getNrOutPorts();
    }

    public static PortType inPortType(final NodeModel model, final int index) {
        return model.getInPortType(index);
    }

    public static PortType outPortType(final NodeModel model, final int index) {
        return model.getOutPortType(index);
    }

    /** Creates the model of a configurable factory (e.g. a DefaultNodeFactory) as KNIME's framework does. */
    public static <M extends NodeModel> M createNodeModel(final ConfigurableNodeFactory<M> factory) {
        return factory.createNodeModel((org.knime.core.node.context.NodeCreationConfiguration)null);
    }
}
