package org.knime.node.parameters;

/** Stand-in for KNIME's marker of a class whose fields are shown as widgets of a node dialog. */
public interface WidgetGroup {
}
