package org.emsym.knime.node.attribution;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Attribution Scorer node; its description is AttributionScorerNodeFactory.xml beside this class. */
public final class AttributionScorerNodeFactory extends NodeFactory<AttributionScorerNodeModel> {

    @Override
    public AttributionScorerNodeModel createNodeModel() {
        return new AttributionScorerNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<AttributionScorerNodeModel> createNodeView(int viewIndex, AttributionScorerNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Attribution Scorer has no views, asked for view " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new AttributionScorerNodeDialog();
    }
}
