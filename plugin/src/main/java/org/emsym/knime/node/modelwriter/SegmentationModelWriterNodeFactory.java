package org.emsym.knime.node.modelwriter;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Segmentation Model Writer node; its description is SegmentationModelWriterNodeFactory.xml beside this class. */
public final class SegmentationModelWriterNodeFactory extends NodeFactory<SegmentationModelWriterNodeModel> {

    @Override
    public SegmentationModelWriterNodeModel createNodeModel() {
        return new SegmentationModelWriterNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<SegmentationModelWriterNodeModel> createNodeView(int viewIndex, SegmentationModelWriterNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Segmentation Model Writer has no views, asked for view " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new SegmentationModelWriterNodeDialog();
    }
}
