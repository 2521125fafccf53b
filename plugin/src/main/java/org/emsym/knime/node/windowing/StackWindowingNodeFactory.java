package org.emsym.knime.node.windowing;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Stack Windowing node; its description is StackWindowingNodeFactory.xml beside this class. */
public final class StackWindowingNodeFactory extends NodeFactory<StackWindowingNodeModel> {

    @Override
    public StackWindowingNodeModel createNodeModel() {
        return new StackWindowingNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<StackWindowingNodeModel> createNodeView(int viewIndex, StackWindowingNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Stack Windowing has no views, asked for view " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new StackWindowingNodeDialog();
    }
}
