/**
 * What every node shares: settings groups and the settings-holding node model base, KNIME paths, progress adapters
 * from KNIME's execution monitor to the engine's callbacks, table helpers.
 *
 * <p>May import {@code progress}.
 */
package org.emsym.knime.util;
