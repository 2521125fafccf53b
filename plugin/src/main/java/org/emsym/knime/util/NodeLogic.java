package org.emsym.knime.util;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.node.DefaultModel;
import org.knime.node.DefaultModel.RequireModelParameters;
import org.knime.node.parameters.NodeParameters;

/**
 * What a node computes, given its {@link NodeParameters}: output specs from input specs, output objects from input
 * objects. {@link #model} makes it the {@link DefaultModel} of a node's {@code DefaultNode} (KNIME 5.6+), so a
 * node's logic stays one class with two methods, testable without the framework's fluent API.
 *
 * @param <P> the node's parameters
 */
public interface NodeLogic<P extends NodeParameters> {

    /** Output specs (one per output port); {@code warning} sets the node's warning. */
    PortObjectSpec[] configure(PortObjectSpec[] inSpecs, P parameters, Consumer<String> warning)
            throws InvalidSettingsException;

    /** Output objects (one per output port); {@code warning} sets the node's warning. */
    PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, P parameters, Consumer<String> warning)
            throws Exception;

    /**
     * The default model running {@code logic} with parameters of {@code parametersClass}. Cancellation passes
     * through; any other failure of execute becomes a {@link KNIMEException} with the failure's message (the
     * message KNIME shows on the node) and the failure as its cause.
     */
    static <P extends NodeParameters> Function<RequireModelParameters, DefaultModel> model(Class<P> parametersClass,
            NodeLogic<P> logic) {
        Objects.requireNonNull(parametersClass, "parametersClass");
        Objects.requireNonNull(logic, "logic");
        return m -> m.parametersClass(parametersClass)
                .configure((in, out) -> out.setOutSpecs(
                        logic.configure(in.getInPortSpecs(), in.<P>getParameters(), out::setWarningMessage)))
                .execute((in, out) -> {
                    PortObject[] result;
                    try {
                        result = logic.execute(in.getInPortObjects(), in.getExecutionContext(), in.<P>getParameters(),
                                out::setWarningMessage);
                    } catch (CanceledExecutionException | KNIMEException e) {
                        throw e;
                    } catch (Exception e) {
                        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                        throw new KNIMEException(message, e);
                    }
                    out.setOutData(result);
                });
    }
}
