package org.knime.core.node;

/**
 * Stand-in for KNIME's node factory. KNIME instantiates it by its class name from {@code plugin.xml} and reads
 * the node description from {@code <FactorySimpleName>.xml} next to the class.
 */
public abstract class NodeFactory<T extends NodeModel> {

    protected NodeFactory() {
    }

    public abstract T createNodeModel();

    protected abstract int getNrNodeViews();

    public abstract NodeView<T> createNodeView(int viewIndex, T nodeModel);

    protected abstract boolean hasDialog();

    protected abstract NodeDialogPane createNodeDialogPane();
}
