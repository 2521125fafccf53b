package org.knime.core.webui.node.view;

import org.knime.core.node.NodeModel;
import org.knime.core.node.wizard.page.WizardPageContribution;

/** Stand-in for KNIME's factory of web node views; views themselves are not modelled. */
public interface NodeViewFactory<T extends NodeModel> extends WizardPageContribution {
}
