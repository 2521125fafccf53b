package org.knime.core.node;

/** Stand-in for KNIME's marker of the fluent node-building API ({@code org.knime.node.DefaultNode}). */
public interface FluentNodeAPI {
}
