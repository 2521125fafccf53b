package org.emsym.knime.node.learner;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Segmentation Learner node; its description is SegmentationLearnerNodeFactory.xml beside it. */
public final class SegmentationLearnerNodeFactory extends NodeFactory<SegmentationLearnerNodeModel> {

    @Override
    public SegmentationLearnerNodeModel createNodeModel() {
        return new SegmentationLearnerNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<SegmentationLearnerNodeModel> createNodeView(int viewIndex, SegmentationLearnerNodeModel model) {
        throw new IndexOutOfBoundsException("Segmentation Learner has no views, asked for view " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new SegmentationLearnerNodeDialog();
    }
}
