package org.knime.core.node;

/** Stand-in for KNIME's node view; the EMSym nodes have none, it exists for {@link NodeFactory}'s signature. */
public abstract class NodeView<T extends NodeModel> extends AbstractNodeView<T>
    implements NodeModelWarningListener {

    protected NodeView(final T nodeModel) {
        super(nodeModel);
    }

    protected T getNodeModel() {
        return getViewableModel();
    }

    @Override
    protected abstract void modelChanged();

    protected abstract void onClose();

    protected abstract void onOpen();
}
