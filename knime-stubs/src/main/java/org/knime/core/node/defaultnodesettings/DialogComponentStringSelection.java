package org.knime.core.node.defaultnodesettings;

import java.util.Arrays;
import java.util.List;

/** Stand-in for KNIME's combo box component over a fixed list of strings. */
public final class DialogComponentStringSelection extends DialogComponent {

    private final List<String> m_list;

    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
        final String... list) {
        super(stringModel);
        if (list == null || list.length == 0) {
            throw new IllegalArgumentException("Selection list of options shouldn't be null or empty");
        }
        m_list = List.copyOf(Arrays.asList(list));
        if (stringModel.getStringValue() != null && !m_list.contains(stringModel.getStringValue())) {
            stringModel.setStringValue(list[0]); // as KNIME: the selection must be one of the choices
        }
    }
}
