package org.knime.core.node.context;

/**
 * Stand-in for the configuration KNIME creates a node with (ports, URL). Not modelled: the stand-in creates nodes
 * of a {@code ConfigurableNodeFactory} without one (null).
 */
public class NodeCreationConfiguration {

    private NodeCreationConfiguration() {
    }
}
