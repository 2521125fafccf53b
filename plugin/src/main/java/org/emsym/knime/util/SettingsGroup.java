package org.emsym.knime.util;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * A node's settings: one {@link SettingsModel} per value, each under its own key so that each can be set by a
 * flow variable. Validation loads the values into a fresh instance and runs {@link #check()}, so nothing is
 * loaded into the node when a value is invalid.
 */
public abstract class SettingsGroup {

    /** Every settings model of the node, in dialog order. */
    protected abstract SettingsModel[] all();

    /** A fresh instance with default values, used to validate. */
    protected abstract SettingsGroup newInstance();

    /**
     * Checks the values that do not depend on the input; messages start with the setting's dialog label.
     * Does nothing by default.
     */
    protected void check() throws InvalidSettingsException {
    }

    public final void saveSettingsTo(NodeSettingsWO settings) {
        for (SettingsModel m : all()) {
            m.saveSettingsTo(settings);
        }
    }

    public final void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException {
        SettingsGroup probe = newInstance();
        for (SettingsModel m : probe.all()) {
            m.validateSettings(settings);
        }
        probe.loadSettingsFrom(settings);
        probe.check();
    }

    public final void loadSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : all()) {
            m.loadSettingsFrom(settings);
        }
        afterLoad();
    }

    /** Called after values were loaded, e.g. to enable or disable dependent models. Does nothing by default. */
    protected void afterLoad() {
    }

    /** The enum constant named by a string setting; the message names the setting and the allowed values. */
    protected static <E extends Enum<E>> E enumValue(Class<E> type, String value, String label)
            throws InvalidSettingsException {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(label + ": unknown value '" + value + "'; expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
