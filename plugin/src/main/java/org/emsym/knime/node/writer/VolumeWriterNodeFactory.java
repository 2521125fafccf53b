package org.emsym.knime.node.writer;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Volume Writer node; its description is VolumeWriterNodeFactory.xml beside this class. */
public final class VolumeWriterNodeFactory extends NodeFactory<VolumeWriterNodeModel> {

    @Override
    public VolumeWriterNodeModel createNodeModel() {
        return new VolumeWriterNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<VolumeWriterNodeModel> createNodeView(int viewIndex, VolumeWriterNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Volume Writer has no views, asked for view " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new VolumeWriterNodeDialog();
    }
}
