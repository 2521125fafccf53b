package org.knime.core.node.defaultnodesettings;

/** Stand-in for KNIME's interface of settings models a flow variable can set; the stand-in declares none of its members. */
public interface SettingsModelFlowVariableCompatible {
}
