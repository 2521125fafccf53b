package org.knime.core.node.port.inactive;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;

/** Stand-in for KNIME's spec of an inactive output: downstream nodes are skipped. */
public final class InactiveBranchPortObjectSpec implements PortObjectSpec {

    public static final InactiveBranchPortObjectSpec INSTANCE = new InactiveBranchPortObjectSpec();

    private InactiveBranchPortObjectSpec() {
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
