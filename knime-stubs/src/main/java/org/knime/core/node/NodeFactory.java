package org.knime.core.node;

/**
 * Stand-in for KNIME's node factory. KNIME instantiates it by its class name from {@code plugin.xml} and reads
 * the node description from {@code <FactorySimpleName>.xml} next to the class.
 */
public abstract class NodeFactory<T extends NodeModel> {

    /** The kinds of node KNIME distinguishes (shape and colour in the workflow editor). */
    public static enum NodeType {
        Source, Sink, Learner, Predictor, Manipulator, Visualizer, Widget, Meta, LoopStart, LoopEnd, ScopeStart,
        ScopeEnd, @Deprecated QuickForm, Configuration, Other, Missing, Unknown, Subnode, VirtualIn, VirtualOut,
        Container
    }

    protected NodeFactory() {
    }

    public abstract T createNodeModel();

    protected abstract int getNrNodeViews();

    public abstract NodeView<T> createNodeView(int viewIndex, T nodeModel);

    protected abstract boolean hasDialog();

    protected abstract NodeDialogPane createNodeDialogPane();
}
