/**
 * What every node shares: {@link org.emsym.knime.util.NodeLogic} (a node's configure and execute with its
 * parameters, made the model of its {@code DefaultNode}), KNIME paths, progress adapters from KNIME's execution
 * monitor to the engine's callbacks, table helpers, the writers' if-exists policy.
 *
 * <p>May import {@code progress}.
 */
package org.emsym.knime.util;
