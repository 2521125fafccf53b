/**
 * What every node shares: {@link org.emsym.knime.util.NodeLogic} (a node's configure and execute with its
 * parameters, made the model of its {@code DefaultNode}), KNIME paths, progress adapters from KNIME's execution
 * monitor to the engine's callbacks, table helpers, the writers' if-exists policy, and the OME-Zarr output
 * parameters that the writer and the predictor share.
 *
 * <p>May import {@code progress}, {@code volume.io}.
 */
package org.emsym.knime.util;
