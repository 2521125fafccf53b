/**
 * The EM Stack Reader node: reads TIFF, PNG/TIFF section folders, HDF5 and OME-Zarr into a Volume port.
 *
 * <p>May import {@code knime.port}, {@code knime.util}, {@code volume}, {@code volume.io}.
 */
package org.emsym.knime.node.reader;
