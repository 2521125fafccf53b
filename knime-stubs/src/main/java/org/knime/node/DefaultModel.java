package org.knime.node;

import java.util.Optional;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.FluentNodeAPI;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.node.parameters.NodeParameters;

/**
 * Stand-in for KNIME's model of a {@link DefaultNode}: its parameters class, a configure function from input specs
 * to output specs and an execute function from input objects to output objects. Column rearrangers, tables and
 * port configurations are not modelled.
 */
public abstract sealed class DefaultModel implements FluentNodeAPI {

    private final Class<? extends NodeParameters> m_parametersClass;

    private DefaultModel(final Class<? extends NodeParameters> parametersClass) {
        m_parametersClass = parametersClass;
    }

    static RequireModelParameters create() {
        return parametersClass -> configure -> execute -> new StandardDefaultModel(parametersClass, configure,
            execute);
    }

    static final class StandardDefaultModel extends DefaultModel {

        final ExecuteConsumer m_execute;

        final ConfigureOrRearrangerConsumer<ConfigureInput, ConfigureOutput> m_configure;

        private StandardDefaultModel(final Class<? extends NodeParameters> parametersClass,
            final ConfigureOrRearrangerConsumer<ConfigureInput, ConfigureOutput> configure,
            final ExecuteConsumer execute) {
            super(parametersClass);
            m_configure = configure;
            m_execute = execute;
        }
    }

    Optional<Class<? extends NodeParameters>> getParametersClass() {
        return Optional.ofNullable(m_parametersClass);
    }

    public interface RequireModelParameters {

        RequireConfigureOrRearrangeColumns parametersClass(Class<? extends NodeParameters> parametersClass);

        default RequireConfigureOrRearrangeColumns withoutParameters() {
            return parametersClass(null);
        }
    }

    public interface RequireConfigureOrRearrangeColumns {

        RequireExecute configure(final ConfigureOrRearrangerConsumer<ConfigureInput, ConfigureOutput> configure);
    }

    public interface ConfigureOrRearrangerConsumer<I, O> {

        void accept(I input, O output) throws InvalidSettingsException;
    }

    public interface ConfigureInput {

        <S extends NodeParameters> S getParameters();

        PortObjectSpec[] getInPortSpecs();

        <S extends PortObjectSpec> S getInPortSpec(int index);
    }

    public interface ConfigureOutput {

        <S extends PortObjectSpec> void setOutSpec(int index, S spec);

        @SuppressWarnings("unchecked")
        <S extends PortObjectSpec> void setOutSpecs(S... specs);

        void setWarningMessage(String message);
    }

    public interface ExecuteInput {

        <S extends NodeParameters> S getParameters();

        ExecutionContext getExecutionContext();

        PortObject[] getInPortObjects();

        <D extends PortObject> D getInPortObject(int portIndex);
    }

    public interface ExecuteOutput {

        <D extends PortObject> void setOutData(int index, D data);

        @SuppressWarnings("unchecked")
        <D extends PortObject> void setOutData(D... data);

        void setWarningMessage(String message);
    }

    public interface RequireExecute {

        DefaultModel execute(ExecuteConsumer execute);
    }

    public interface ExecuteConsumer {

        void accept(ExecuteInput input, ExecuteOutput output) throws CanceledExecutionException, KNIMEException;
    }
}
