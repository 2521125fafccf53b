package org.emsym.engine.window;

import java.util.Arrays;
import java.util.Objects;

/**
 * Averages per-tile predictions of one section into a whole-section prediction, weighting each tile's pixels
 * by a {@link BlendMode}. Add one prediction per tile of the {@link Tiling}, then read {@link #result()};
 * {@link #clear()} makes the blender ready for the next section without allocating again.
 *
 * <p>Predictions are {@code channels x tileHeight x tileWidth} floats in (channel, row, column) order; the
 * part of a tile outside the image (images smaller than a tile) is ignored. Sums are kept in double, 16 bytes
 * per pixel and channel, so identical overlapping values come back unchanged. Not thread-safe.
 */
public final class TileBlender {

    private final Tiling tiling;
    private final BlendMode mode;
    private final int channels;
    private final double[] tileWeights;
    private final double[] weightedSum;
    private final double[] weightSum;

    /** A blender for single-channel predictions. */
    public TileBlender(Tiling tiling, BlendMode mode) {
        this(tiling, mode, 1);
    }

    public TileBlender(Tiling tiling, BlendMode mode, int channels) {
        this.tiling = Objects.requireNonNull(tiling, "tiling");
        this.mode = Objects.requireNonNull(mode, "mode");
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        this.channels = channels;
        this.tileWeights = mode.weights(tiling.tileHeight(), tiling.tileWidth());
        int pixels = tiling.imageHeight() * tiling.imageWidth();
        this.weightedSum = new double[channels * pixels];
        this.weightSum = new double[pixels];
    }

    public Tiling tiling() {
        return tiling;
    }

    public BlendMode mode() {
        return mode;
    }

    /** Adds the prediction for {@code tile}: {@code channels * tileHeight * tileWidth} values, CHW order. */
    public void add(Tile tile, float[] prediction) {
        tiling.checkTile(tile);
        int th = tiling.tileHeight();
        int tw = tiling.tileWidth();
        if (prediction.length != channels * th * tw) {
            throw new IllegalArgumentException("prediction for " + tile + " holds " + prediction.length
                    + " values, expected " + channels + " x " + th + " x " + tw + " = " + channels * th * tw);
        }
        int height = tiling.imageHeight();
        int width = tiling.imageWidth();
        int plane = height * width;
        int rows = Math.min(th, height - tile.y());
        int columns = Math.min(tw, width - tile.x());
        for (int row = 0; row < rows; row++) {
            int weightRow = row * tw;
            int pixelRow = (tile.y() + row) * width + tile.x();
            for (int col = 0; col < columns; col++) {
                weightSum[pixelRow + col] += tileWeights[weightRow + col];
            }
            for (int c = 0; c < channels; c++) {
                int sumRow = c * plane + pixelRow;
                int predictionRow = c * th * tw + weightRow;
                for (int col = 0; col < columns; col++) {
                    weightedSum[sumRow + col] += tileWeights[weightRow + col] * prediction[predictionRow + col];
                }
            }
        }
    }

    /**
     * The blended prediction, {@code channels x imageHeight x imageWidth} floats in CHW order.
     *
     * @throws IllegalStateException if some pixel is covered by no added tile
     */
    public float[] result() {
        int plane = weightSum.length;
        float[] out = new float[channels * plane];
        for (int pixel = 0; pixel < plane; pixel++) {
            if (weightSum[pixel] <= 0) {
                int width = tiling.imageWidth();
                throw new IllegalStateException("pixel (y=" + pixel / width + ", x=" + pixel % width
                        + ") is covered by no added tile; add a prediction for every tile of the tiling");
            }
            for (int c = 0; c < channels; c++) {
                out[c * plane + pixel] = (float) (weightedSum[c * plane + pixel] / weightSum[pixel]);
            }
        }
        return out;
    }

    /** Forgets all added predictions. */
    public void clear() {
        Arrays.fill(weightedSum, 0);
        Arrays.fill(weightSum, 0);
    }
}
