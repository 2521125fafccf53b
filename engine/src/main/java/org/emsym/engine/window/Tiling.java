package org.emsym.engine.window;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The tiles a {@link Tiler} laid over one {@code imageHeight x imageWidth} section. All tiles are
 * {@code tileHeight x tileWidth}; together they cover every pixel of the image. When the image is smaller than
 * a tile along an axis the tiles reach past it, onto a canvas of {@link #paddedHeight()} x
 * {@link #paddedWidth()}.
 */
public record Tiling(int imageHeight, int imageWidth, int tileHeight, int tileWidth, List<Tile> tiles) {

    public Tiling {
        if (imageHeight <= 0 || imageWidth <= 0 || tileHeight <= 0 || tileWidth <= 0) {
            throw new IllegalArgumentException("image and tile sizes must be positive, got image " + imageHeight
                    + " x " + imageWidth + ", tile " + tileHeight + " x " + tileWidth);
        }
        tiles = List.copyOf(tiles);
        for (Tile t : tiles) {
            if (t.height() != tileHeight || t.width() != tileWidth || t.y() + t.height() > Math.max(imageHeight,
                    tileHeight) || t.x() + t.width() > Math.max(imageWidth, tileWidth)) {
                throw new IllegalArgumentException(t + " does not fit a tiling of " + tileHeight + " x " + tileWidth
                        + " tiles over a " + imageHeight + " x " + imageWidth + " image");
            }
        }
    }

    /** Rows of the canvas the tiles lie on: the image height, or the tile height if that is larger. */
    public int paddedHeight() {
        return Math.max(imageHeight, tileHeight);
    }

    /** Columns of the canvas the tiles lie on: the image width, or the tile width if that is larger. */
    public int paddedWidth() {
        return Math.max(imageWidth, tileWidth);
    }

    /**
     * The pixels of {@code tile} from a row-major {@code imageHeight x imageWidth} section, as a row-major
     * {@code tileHeight x tileWidth} array; pixels past the image repeat the nearest edge pixel.
     */
    public float[] extract(float[] section, Tile tile) {
        if (section.length != imageHeight * imageWidth) {
            throw new IllegalArgumentException("section holds " + section.length + " values, expected "
                    + imageHeight + " x " + imageWidth + " = " + imageHeight * imageWidth);
        }
        float[] out = new float[tileHeight * tileWidth];
        extractInto(FloatBuffer.wrap(section), tile, out, 0);
        return out;
    }

    /**
     * The pixels of {@code tile} from every channel of {@code window}, flat in (channel, row, column) order,
     * ready for {@code NDManager.create(data, new Shape(C, tileHeight, tileWidth))}. Pixels past the image
     * repeat the nearest edge pixel.
     */
    public float[] extractChw(Window window, Tile tile) {
        if (window.height() != imageHeight || window.width() != imageWidth) {
            throw new IllegalArgumentException("window of " + window.height() + " x " + window.width()
                    + " does not match the tiled image of " + imageHeight + " x " + imageWidth);
        }
        int plane = tileHeight * tileWidth;
        float[] out = new float[window.channelCount() * plane];
        for (int c = 0; c < window.channelCount(); c++) {
            extractInto(window.channel(c), tile, out, c * plane);
        }
        return out;
    }

    private void extractInto(FloatBuffer section, Tile tile, float[] out, int offset) {
        checkTile(tile);
        int inside = Math.min(tileWidth, imageWidth - tile.x()); // columns of the tile within the image
        for (int row = 0; row < tileHeight; row++) {
            int sy = Math.min(tile.y() + row, imageHeight - 1);
            int start = offset + row * tileWidth;
            section.get(sy * imageWidth + tile.x(), out, start, inside);
            Arrays.fill(out, start + inside, start + tileWidth, out[start + inside - 1]);
        }
    }

    void checkTile(Tile tile) {
        if (tile.height() != tileHeight || tile.width() != tileWidth || tile.y() + tileHeight > paddedHeight()
                || tile.x() + tileWidth > paddedWidth()) {
            throw new IllegalArgumentException(tile + " is not a tile of this tiling (" + tileHeight + " x "
                    + tileWidth + " tiles on a " + paddedHeight() + " x " + paddedWidth() + " canvas)");
        }
    }
}
