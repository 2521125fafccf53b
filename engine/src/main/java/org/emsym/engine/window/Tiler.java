package org.emsym.engine.window;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a section into overlapping tiles of a fixed size for prediction.
 *
 * <p>Along each axis tiles start every {@code tile - overlap} pixels; the last tile is shifted back so that it
 * ends at the image edge, so every tile has full size and every pixel is covered (the last two tiles may
 * overlap more than asked). An image smaller than a tile along an axis gets one tile there, which reaches past
 * the image: {@link Tiling#paddedHeight()} and {@link Tiling#paddedWidth()} give the padded canvas and
 * {@link Tiling#extract(float[], Tile)} fills the part outside the image by repeating the edge pixels.
 */
public final class Tiler {

    private final int tileHeight;
    private final int tileWidth;
    private final int overlapY;
    private final int overlapX;

    /**
     * @param overlapY rows shared by vertically neighbouring tiles, {@code 0 <= overlapY < tileHeight}
     * @param overlapX columns shared by horizontally neighbouring tiles, {@code 0 <= overlapX < tileWidth}
     */
    public Tiler(int tileHeight, int tileWidth, int overlapY, int overlapX) {
        if (tileHeight <= 0 || tileWidth <= 0) {
            throw new IllegalArgumentException("tile size must be positive, got " + tileHeight + " x " + tileWidth);
        }
        if (overlapY < 0 || overlapY >= tileHeight || overlapX < 0 || overlapX >= tileWidth) {
            throw new IllegalArgumentException("overlap must be >= 0 and smaller than the tile (" + tileHeight + " x "
                    + tileWidth + "), got " + overlapY + " x " + overlapX);
        }
        this.tileHeight = tileHeight;
        this.tileWidth = tileWidth;
        this.overlapY = overlapY;
        this.overlapX = overlapX;
    }

    /** Square tiles of side {@code tile} overlapping by {@code overlap} pixels along both axes. */
    public static Tiler square(int tile, int overlap) {
        return new Tiler(tile, tile, overlap, overlap);
    }

    public int tileHeight() {
        return tileHeight;
    }

    public int tileWidth() {
        return tileWidth;
    }

    /** The tiles covering a {@code height x width} section, row by row. */
    public Tiling tile(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("section size must be positive, got " + height + " x " + width);
        }
        int[] rows = starts(height, tileHeight, overlapY);
        int[] columns = starts(width, tileWidth, overlapX);
        List<Tile> tiles = new ArrayList<>(rows.length * columns.length);
        for (int y : rows) {
            for (int x : columns) {
                tiles.add(new Tile(y, x, tileHeight, tileWidth));
            }
        }
        return new Tiling(height, width, tileHeight, tileWidth, tiles);
    }

    private static int[] starts(int length, int tile, int overlap) {
        if (length <= tile) {
            return new int[] {0};
        }
        int step = tile - overlap;
        int count = (length - tile + step - 1) / step + 1; // starts 0, step, ... below length - tile, then the edge
        int[] starts = new int[count];
        for (int i = 0; i < count - 1; i++) {
            starts[i] = i * step;
        }
        starts[count - 1] = length - tile;
        return starts;
    }

    @Override
    public String toString() {
        return "Tiler[" + tileHeight + " x " + tileWidth + ", overlap " + overlapY + " x " + overlapX + "]";
    }
}
