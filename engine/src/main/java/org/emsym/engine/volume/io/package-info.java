/**
 * Volume files: {@link org.emsym.engine.volume.io.VolumeReaders} opens multi-page TIFF, PNG/TIFF section folders,
 * HDF5 datasets and OME-Zarr images and arrays (Zarr v2 / NGFF 0.4 and Zarr v3 / NGFF 0.5, any scale level) lazily;
 * {@link org.emsym.engine.volume.io.VolumeWriters} writes them atomically, OME-Zarr through
 * {@link org.emsym.engine.volume.io.ZarrWriter} (chunk by chunk, with a pyramid and NGFF label images). Bad files
 * fail at open naming the file and the page, section, dataset or chunk.
 *
 * <p>May import {@code progress}, {@code util}, {@code volume}.
 */
package org.emsym.engine.volume.io;
