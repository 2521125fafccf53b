/**
 * What every node shares: settings groups and the settings-holding node model base, KNIME paths, progress adapters
 * from KNIME's execution monitor to the engine's callbacks, table helpers, the OME-Zarr output settings that the
 * writer and the predictor share.
 *
 * <p>May import {@code progress}, {@code volume.io}.
 */
package org.emsym.knime.util;
