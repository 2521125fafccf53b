/**
 * The Volume Writer node: writes a Volume port to TIFF, PNG sections, HDF5 or OME-Zarr, atomically.
 *
 * <p>May import {@code knime.port}, {@code knime.util}, {@code volume}, {@code volume.io}.
 */
package org.emsym.knime.node.writer;
