package org.emsym.knime.util;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** What a writer node does when its output already exists; stored by name in a string setting. */
public enum IfExists {
    /** Fail in configure and execute; never touch the existing output. */
    FAIL,
    /** Replace the existing output atomically (what counts as replaceable is the writer's to say). */
    OVERWRITE;

    /**
     * The policy a string setting holds.
     *
     * @param label the setting's label, named in the error
     * @throws InvalidSettingsException naming the setting and the value when it is not a policy
     */
    public static IfExists of(SettingsModelString setting, String label) throws InvalidSettingsException {
        try {
            return valueOf(setting.getStringValue());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(label + ": unknown policy '" + setting.getStringValue()
                    + "'; expected FAIL or OVERWRITE");
        }
    }

    /** Every policy's name, for a selection component. */
    public static String[] names() {
        return new String[] {FAIL.name(), OVERWRITE.name()};
    }
}
