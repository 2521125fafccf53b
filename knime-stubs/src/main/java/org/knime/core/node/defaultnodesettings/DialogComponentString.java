package org.knime.core.node.defaultnodesettings;

/** Stand-in for KNIME's text field component. */
public final class DialogComponentString extends DialogComponent {

    public DialogComponentString(final SettingsModelString stringModel, final String label) {
        super(stringModel);
    }
}
