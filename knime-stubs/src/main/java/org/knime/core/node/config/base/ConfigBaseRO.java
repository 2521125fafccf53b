package org.knime.core.node.config.base;

/** Stand-in for KNIME's read view of a config base. */
public interface ConfigBaseRO extends Iterable<String> {

    /**
     * Copies this config's entries into another.
     *
     * @param dest where to copy to
     */
    public void copyTo(final ConfigBaseWO dest);
}
