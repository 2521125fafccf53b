package org.emsym.knime.node.loader;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Pretrained Model Loader node; its description is PretrainedModelLoaderNodeFactory.xml beside this class. */
public final class PretrainedModelLoaderNodeFactory extends NodeFactory<PretrainedModelLoaderNodeModel> {

    @Override
    public PretrainedModelLoaderNodeModel createNodeModel() {
        return new PretrainedModelLoaderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<PretrainedModelLoaderNodeModel> createNodeView(int viewIndex, PretrainedModelLoaderNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Pretrained Model Loader has no views, asked for view " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new PretrainedModelLoaderNodeDialog();
    }
}
