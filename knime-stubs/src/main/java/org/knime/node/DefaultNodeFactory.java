package org.knime.node;

import java.io.File;
import java.io.IOException;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ConfigurableNodeFactory;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.context.NodeCreationConfiguration;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.webui.node.dialog.NodeDialogFactory;
import org.knime.core.webui.node.dialog.defaultdialog.NodeParametersUtil;
import org.knime.core.webui.node.view.NodeViewFactory;
import org.knime.node.parameters.NodeParameters;

/**
 * Stand-in for KNIME's factory of a {@link DefaultNode} (since 5.6). The framework creates the node model with
 * {@link #createNodeModel(NodeCreationConfiguration)}; in the stand-in that model saves, validates
 * ({@link NodeParameters#validate()}) and loads the parameters through {@link NodeParametersUtil}, and runs the
 * model's configure and execute functions, as KNIME's adapter does. The Swing-era methods are final and inert,
 * as in KNIME: the dialog is built from the parameters class.
 */
public abstract class DefaultNodeFactory extends ConfigurableNodeFactory<NodeModel>
    implements NodeDialogFactory, NodeViewFactory<NodeModel> {

    private final DefaultNode m_node;

    protected DefaultNodeFactory(final DefaultNode node) {
        super(true);
        m_node = node;
    }

    @Override
    public boolean hasNodeDialog() {
        return m_node.m_model.getParametersClass().isPresent();
    }

    @Override
    protected final NodeModel createNodeModel(final NodeCreationConfiguration creationConfig) {
        return new ModelAdapter(m_node);
    }

    @Override
    public final boolean hasNodeView() {
        return false;
    }

    @Deprecated
    @Override
    protected final boolean hasDialog() { // NOSONAR
        return false;
    }

    @Override
    protected final int getNrNodeViews() {
        return 0;
    }

    @Deprecated
    @Override
    public final org.knime.core.node.NodeView<NodeModel> createNodeView(final int viewIndex, // NOSONAR
        final NodeModel nodeModel) {
        return null;
    }

    @Deprecated
    @Override
    protected final NodeDialogPane createNodeDialogPane() { // NOSONAR
        return super.createNodeDialogPane();
    }

    @Deprecated
    @Override
    public final NodeModel createNodeModel() { // NOSONAR
        return super.createNodeModel();
    }

    /** The node model KNIME wraps around a {@link DefaultModel}. */
    private static final class ModelAdapter extends NodeModel {

        private final DefaultModel.StandardDefaultModel m_model;

        private final Class<? extends NodeParameters> m_parametersClass;

        private final int m_nrOutPorts;

        private NodeParameters m_parameters;

        ModelAdapter(final DefaultNode node) {
            super(node.m_inPorts.stream().map(DefaultNode.Port::type).toArray(PortType[]::new),
                node.m_outPorts.stream().map(DefaultNode.Port::type).toArray(PortType[]::new));
            m_model = (DefaultModel.StandardDefaultModel)node.m_model;
            m_parametersClass = node.m_model.getParametersClass().orElse(null);
            m_nrOutPorts = node.m_outPorts.size();
        }

        private NodeParameters parameters() {
            if (m_parameters == null && m_parametersClass != null) {
                m_parameters = NodeParametersUtil.createSettings(m_parametersClass);
            }
            return m_parameters;
        }

        @Override
        protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
            setWarningMessage(null); // as KNIME's NodeModel does before configure
            PortObjectSpec[] out = new PortObjectSpec[m_nrOutPorts];
            NodeParameters parameters = parameters();
            m_model.m_configure.accept(new DefaultModel.ConfigureInput() {

                @SuppressWarnings("unchecked")
                @Override
                public <S extends NodeParameters> S getParameters() {
                    return (S)parameters;
                }

                @Override
                public PortObjectSpec[] getInPortSpecs() {
                    return inSpecs.clone();
                }

                @SuppressWarnings("unchecked")
                @Override
                public <S extends PortObjectSpec> S getInPortSpec(final int index) {
                    return (S)inSpecs[index];
                }
            }, new DefaultModel.ConfigureOutput() {

                @Override
                public <S extends PortObjectSpec> void setOutSpec(final int index, final S spec) {
                    out[index] = spec;
                }

                @SafeVarargs
                @Override
                public final <S extends PortObjectSpec> void setOutSpecs(final S... specs) {
                    checkCount(specs.length);
                    System.arraycopy(specs, 0, out, 0, specs.length);
                }

                @Override
                public void setWarningMessage(final String message) {
                    ModelAdapter.this.setWarningMessage(message);
                }
            });
            return out;
        }

        @Override
        protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
            setWarningMessage(null); // as KNIME's NodeModel does before execute
            PortObject[] out = new PortObject[m_nrOutPorts];
            NodeParameters parameters = parameters();
            m_model.m_execute.accept(new DefaultModel.ExecuteInput() {

                @SuppressWarnings("unchecked")
                @Override
                public <S extends NodeParameters> S getParameters() {
                    return (S)parameters;
                }

                @Override
                public ExecutionContext getExecutionContext() {
                    return exec;
                }

                @Override
                public PortObject[] getInPortObjects() {
                    return inObjects.clone();
                }

                @SuppressWarnings("unchecked")
                @Override
                public <D extends PortObject> D getInPortObject(final int portIndex) {
                    return (D)inObjects[portIndex];
                }
            }, new DefaultModel.ExecuteOutput() {

                @Override
                public <D extends PortObject> void setOutData(final int index, final D data) {
                    out[index] = data;
                }

                @SafeVarargs
                @Override
                public final <D extends PortObject> void setOutData(final D... data) {
                    checkCount(data.length);
                    System.arraycopy(data, 0, out, 0, data.length);
                }

                @Override
                public void setWarningMessage(final String message) {
                    ModelAdapter.this.setWarningMessage(message);
                }
            });
            return out;
        }

        private void checkCount(final int given) {
            if (given != m_nrOutPorts) {
                throw new IllegalArgumentException(
                    "The node has " + m_nrOutPorts + " output ports, " + given + " were given");
            }
        }

        @Override
        protected void saveSettingsTo(final NodeSettingsWO settings) {
            if (m_parametersClass != null) {
                NodeParametersUtil.saveSettings(m_parametersClass, parameters(), settings);
            }
        }

        @Override
        protected void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
            if (m_parametersClass != null) {
                NodeParametersUtil.loadSettings(settings, m_parametersClass).validate();
            }
        }

        @Override
        protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
            if (m_parametersClass != null) {
                m_parameters = NodeParametersUtil.loadSettings(settings, m_parametersClass);
            }
        }

        @Override
        protected void reset() {
            // the default model keeps nothing between executions
        }

        @Override
        protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
            // no internals
        }

        @Override
        protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
            // no internals
        }

    }
}
