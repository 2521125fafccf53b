/**
 * Volume files: {@link org.emsym.engine.volume.io.VolumeReaders} opens multi-page TIFF, PNG/TIFF section folders,
 * HDF5 datasets and OME-Zarr arrays lazily; {@link org.emsym.engine.volume.io.VolumeWriters} writes them
 * atomically. Bad files fail at open naming the file and the page, section or dataset.
 *
 * <p>May import {@code progress}, {@code util}, {@code volume}.
 */
package org.emsym.engine.volume.io;
