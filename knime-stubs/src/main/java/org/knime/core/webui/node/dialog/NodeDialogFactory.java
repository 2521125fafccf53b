package org.knime.core.webui.node.dialog;

/**
 * Stand-in for KNIME's factory of web node dialogs. Only whether a node has one is modelled; the dialog itself
 * ({@code createNodeDialog}) is rendered by KNIME from the node's parameters class and is not part of the stand-in.
 */
public interface NodeDialogFactory {

    default boolean hasNodeDialog() {
        return true;
    }
}
