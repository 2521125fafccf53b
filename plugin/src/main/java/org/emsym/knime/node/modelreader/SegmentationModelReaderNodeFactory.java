package org.emsym.knime.node.modelreader;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Segmentation Model Reader node; its description is SegmentationModelReaderNodeFactory.xml beside this class. */
public final class SegmentationModelReaderNodeFactory extends NodeFactory<SegmentationModelReaderNodeModel> {

    @Override
    public SegmentationModelReaderNodeModel createNodeModel() {
        return new SegmentationModelReaderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<SegmentationModelReaderNodeModel> createNodeView(int viewIndex, SegmentationModelReaderNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Segmentation Model Reader has no views, asked for view " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new SegmentationModelReaderNodeDialog();
    }
}
