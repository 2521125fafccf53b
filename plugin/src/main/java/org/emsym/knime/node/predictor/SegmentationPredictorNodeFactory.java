package org.emsym.knime.node.predictor;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Segmentation Predictor node; its description is SegmentationPredictorNodeFactory.xml beside it. */
public final class SegmentationPredictorNodeFactory extends NodeFactory<SegmentationPredictorNodeModel> {

    @Override
    public SegmentationPredictorNodeModel createNodeModel() {
        return new SegmentationPredictorNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<SegmentationPredictorNodeModel> createNodeView(int viewIndex,
            SegmentationPredictorNodeModel model) {
        throw new IndexOutOfBoundsException("Segmentation Predictor has no views, asked for view " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new SegmentationPredictorNodeDialog();
    }
}
