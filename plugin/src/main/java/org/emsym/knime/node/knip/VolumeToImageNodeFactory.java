package org.emsym.knime.node.knip;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Volume to Image node; its description is VolumeToImageNodeFactory.xml beside this class. */
public final class VolumeToImageNodeFactory extends NodeFactory<VolumeToImageNodeModel> {

    @Override
    public VolumeToImageNodeModel createNodeModel() {
        return new VolumeToImageNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<VolumeToImageNodeModel> createNodeView(int viewIndex, VolumeToImageNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Volume to Image has no views, asked for view " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new VolumeToImageNodeDialog();
    }
}
