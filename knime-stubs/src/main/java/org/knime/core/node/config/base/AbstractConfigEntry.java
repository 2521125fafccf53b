package org.knime.core.node.config.base;

import java.io.Serializable;

import javax.swing.tree.TreeNode;

/** Stand-in for KNIME's base of config entries; the stand-in's {@code Config} holds the behaviour. */
public abstract class AbstractConfigEntry implements Serializable, TreeNode {

    private static final long serialVersionUID = 1L;
}
