package org.knime.core.node.config;

import org.knime.core.node.config.base.ConfigBaseWO;

/** Stand-in for KNIME's write-only view of a settings tree. Adding an existing key replaces it. */
public interface ConfigWO extends ConfigBaseWO {

    String getKey();

    Config addConfig(String key);

    void addString(String key, String value);

    void addInt(String key, int value);

    void addLong(String key, long value);

    void addDouble(String key, double value);

    void addBoolean(String key, boolean value);

    void addStringArray(String key, String... values);
}
