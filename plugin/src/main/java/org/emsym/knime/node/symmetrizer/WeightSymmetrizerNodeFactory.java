package org.emsym.knime.node.symmetrizer;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Weight Symmetrizer node; its description is WeightSymmetrizerNodeFactory.xml beside this class. */
public final class WeightSymmetrizerNodeFactory extends NodeFactory<WeightSymmetrizerNodeModel> {

    @Override
    public WeightSymmetrizerNodeModel createNodeModel() {
        return new WeightSymmetrizerNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<WeightSymmetrizerNodeModel> createNodeView(int viewIndex, WeightSymmetrizerNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Weight Symmetrizer has no views, asked for view " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new WeightSymmetrizerNodeDialog();
    }
}
