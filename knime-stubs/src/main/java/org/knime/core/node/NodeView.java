package org.knime.core.node;

/** Stand-in for KNIME's node view; the EMSym nodes have none, it exists for {@link NodeFactory}'s signature. */
public abstract class NodeView<T extends NodeModel> {

    private final T m_nodeModel;

    protected NodeView(final T nodeModel) {
        m_nodeModel = nodeModel;
    }

    protected T getNodeModel() {
        return m_nodeModel;
    }

    protected abstract void modelChanged();

    protected abstract void onClose();

    protected abstract void onOpen();
}
