/**
 * Adapters between EMSym Volumes and KNIME Image Processing (KNIP) image cells, so workflows can use KNIP's
 * readers, viewers and filters.
 *
 * <p>May import {@code knime.port}, {@code knime.util}, {@code progress}, {@code volume}.
 */
package org.emsym.knime.node.knip;
