package org.emsym.knime.node.knip;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Image to Volume node; its description is ImageToVolumeNodeFactory.xml beside this class. */
public final class ImageToVolumeNodeFactory extends NodeFactory<ImageToVolumeNodeModel> {

    @Override
    public ImageToVolumeNodeModel createNodeModel() {
        return new ImageToVolumeNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<ImageToVolumeNodeModel> createNodeView(int viewIndex, ImageToVolumeNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Image to Volume has no views, asked for view " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ImageToVolumeNodeDialog();
    }
}
