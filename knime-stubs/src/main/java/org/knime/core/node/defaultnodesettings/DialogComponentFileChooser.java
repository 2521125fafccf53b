package org.knime.core.node.defaultnodesettings;

/** Stand-in for KNIME's (classic) file chooser component: a path text field with history and a browse button. */
public class DialogComponentFileChooser extends DialogComponent {

    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final int dialogType, final boolean directoryOnly, final String... validExtensions) {
        super(stringModel);
    }
}
