package org.knime.core.node.config.base;

/** Stand-in for KNIME's base of configs; the stand-in's {@code Config} holds the behaviour. */
public abstract class ConfigBase extends AbstractConfigEntry implements ConfigBaseRO, ConfigBaseWO {

    private static final long serialVersionUID = 1L;
}
