package org.emsym.knime.util;

import java.util.Map;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * A node's settings: one {@link SettingsModel} per value, each under its own key so that each can be set by a
 * flow variable. Validation loads the values into a fresh instance and runs {@link #check()}, so nothing is
 * loaded into the node when a value is invalid.
 *
 * <p>Settings added in a later version are listed by {@link #addedLater()}: settings saved by an earlier version
 * lack their keys, and loading those sets the models to their defaults instead of failing.
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

    /**
     * The models added after settings of this node were first saved, by key (the key the model saves under).
     * A key absent from loaded settings sets its model to its default (the value in {@link #newInstance()}). None
     * by default.
     */
    protected Map<String, SettingsModel> addedLater() {
        return Map.of();
    }

    public final void saveSettingsTo(NodeSettingsWO settings) {
        for (SettingsModel m : all()) {
            m.saveSettingsTo(settings);
        }
    }

    public final void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException {
        SettingsGroup probe = newInstance();
        for (SettingsModel m : probe.all()) {
            if (!probe.absentAddedLater(m, settings)) {
                m.validateSettings(settings);
            }
        }
        probe.loadSettingsFrom(settings);
        probe.check();
    }

    public final void loadSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException {
        SettingsModel[] models = all();
        SettingsModel[] defaults = null;
        for (int i = 0; i < models.length; i++) {
            if (!absentAddedLater(models[i], settings)) {
                models[i].loadSettingsFrom(settings);
                continue;
            }
            // settings of an earlier version: the model gets its default, not the value it held before
            if (defaults == null) {
                defaults = newInstance().all();
            }
            NodeSettings defaultValue = new NodeSettings("default");
            defaults[i].saveSettingsTo(defaultValue);
            models[i].loadSettingsFrom(defaultValue);
        }
        afterLoad();
    }

    /** Whether {@code model} is one added later whose key the settings (saved by an earlier version) lack. */
    private boolean absentAddedLater(SettingsModel model, NodeSettingsRO settings) {
        for (Map.Entry<String, SettingsModel> e : addedLater().entrySet()) {
            if (e.getValue() == model) {
                return !settings.containsKey(e.getKey());
            }
        }
        return false;
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
