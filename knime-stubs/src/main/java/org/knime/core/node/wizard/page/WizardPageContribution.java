package org.knime.core.node.wizard.page;

/** Stand-in for KNIME's contribution of a node to a component's page; only whether it has a view is modelled. */
public interface WizardPageContribution {

    default boolean hasNodeView() {
        return true;
    }
}
