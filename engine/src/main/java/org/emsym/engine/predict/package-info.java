/**
 * Prediction of a segmentation network over whole volumes. A {@link org.emsym.engine.predict.TileModel}
 * (usually a {@link org.emsym.engine.predict.BlockTileModel} over a DJL block) is run on 2.5D windows cut in
 * overlapping tiles; the {@link org.emsym.engine.predict.TiledVolumePredictor} blends the tiles into a lazy
 * {@link org.emsym.engine.predict.PredictedVolume} of probabilities that the
 * {@link org.emsym.engine.predict.PredictionWriter} streams to disk (probabilities, thresholds, components).
 *
 * <p>For volumes larger than one machine, the {@link org.emsym.engine.predict.BlockwisePredictor} splits a
 * chunked Zarr output into {@link org.emsym.engine.predict.VolumeBlock}s of whole chunks; each block reads
 * its z halo (the k neighbour sections, boundary mode of the whole volume) and its xy halo (the whole-volume
 * tiles that touch it), writes only its own chunks, and equals the one-JVM prediction. Blocks are
 * independent and idempotent, so any scheduler (threads, Spark tasks) may run them and rerun failures; the
 * {@code PredictionWriter} uses it for an OME-Zarr probabilities target, never holding the volume.
 *
 * <p>May import {@code metrics}, {@code progress}, {@code util}, {@code volume}, {@code volume.io}, {@code window}.
 */
package org.emsym.engine.predict;
