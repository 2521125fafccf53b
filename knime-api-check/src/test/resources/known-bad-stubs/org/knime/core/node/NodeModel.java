package org.knime.core.node;

// A stand-in as it was before issue 13: getNrInPorts() public (protected in KNIME), no ViewableModel supertype.
public abstract class NodeModel {

    public final int getNrInPorts() {
        return 0;
    }
}
