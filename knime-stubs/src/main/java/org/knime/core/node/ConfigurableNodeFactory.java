package org.knime.core.node;

import org.knime.core.node.context.NodeCreationConfiguration;

/**
 * Stand-in for KNIME's factory of nodes created with a {@link NodeCreationConfiguration}: the framework calls
 * {@link #createNodeModel(NodeCreationConfiguration)}; the argument-less variants are not supported.
 */
public abstract class ConfigurableNodeFactory<T extends NodeModel> extends NodeFactory<T> {

    protected ConfigurableNodeFactory() {
    }

    protected ConfigurableNodeFactory(final boolean lazyInitialization) {
    }

    @Override
    public T createNodeModel() {
        throw new UnsupportedOperationException("Method invocation not supported by ConfigurableNodeFactory");
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        throw new UnsupportedOperationException("Method invocation not supported by ConfigurableNodeFactory");
    }

    protected abstract T createNodeModel(final NodeCreationConfiguration creationConfig);
}
