package org.knime.core.node.config.base;

/** Stand-in for KNIME's write view of a config base; the stand-in declares none of its members. */
public interface ConfigBaseWO {
}
