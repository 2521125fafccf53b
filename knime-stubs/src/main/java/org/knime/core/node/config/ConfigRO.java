package org.knime.core.node.config;

import java.util.Set;

import javax.swing.tree.TreeNode;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBaseRO;

/** Stand-in for KNIME's read-only view of a settings tree. Getters without default throw if the key is absent. */
public interface ConfigRO extends ConfigBaseRO, TreeNode, Iterable<String> {

    String getKey();

    boolean containsKey(String key);

    Set<String> keySet();

    Config getConfig(String key) throws InvalidSettingsException;

    String getString(String key) throws InvalidSettingsException;

    String getString(String key, String def);

    int getInt(String key) throws InvalidSettingsException;

    int getInt(String key, int def);

    long getLong(String key) throws InvalidSettingsException;

    long getLong(String key, long def);

    double getDouble(String key) throws InvalidSettingsException;

    double getDouble(String key, double def);

    boolean getBoolean(String key) throws InvalidSettingsException;

    boolean getBoolean(String key, boolean def);

    String[] getStringArray(String key) throws InvalidSettingsException;

    String[] getStringArray(String key, String... def);
}
