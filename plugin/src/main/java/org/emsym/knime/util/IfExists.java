package org.emsym.knime.util;

/** What a writer node does when its output already exists; a parameter saved by constant name. */
public enum IfExists {
    /** Fail in configure and execute; never touch the existing output. */
    FAIL,
    /** Replace the existing output atomically (what counts as replaceable is the writer's to say). */
    OVERWRITE;
}
