package org.knime.core.node.defaultnodesettings;

/** Stand-in for KNIME's check box component. */
public final class DialogComponentBoolean extends DialogComponent {

    public DialogComponentBoolean(final SettingsModelBoolean booleanModel, final String label) {
        super(booleanModel);
    }
}
