package org.emsym.knime.node.reader;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the EM Stack Reader node; its description is EmStackReaderNodeFactory.xml beside this class. */
public final class EmStackReaderNodeFactory extends NodeFactory<EmStackReaderNodeModel> {

    @Override
    public EmStackReaderNodeModel createNodeModel() {
        return new EmStackReaderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<EmStackReaderNodeModel> createNodeView(int viewIndex, EmStackReaderNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("EM Stack Reader has no views, asked for view " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new EmStackReaderNodeDialog();
    }
}
