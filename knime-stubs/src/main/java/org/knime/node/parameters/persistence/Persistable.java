package org.knime.node.parameters.persistence;

/** Stand-in for KNIME's marker of a class whose fields are saved to and loaded from node settings. */
public interface Persistable {
}
