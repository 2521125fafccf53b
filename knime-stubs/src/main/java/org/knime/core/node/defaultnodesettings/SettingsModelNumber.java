package org.knime.core.node.defaultnodesettings;

/** Stand-in for KNIME's base of numeric settings models (what {@link DialogComponentNumber} edits). */
public abstract class SettingsModelNumber extends SettingsModel {

    public SettingsModelNumber() {
    }
}
