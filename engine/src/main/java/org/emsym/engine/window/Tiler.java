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
 *
 * <p>With a size multiple ({@link #withSizeMultiple}, e.g. the 32 a U-Net needs), a tile longer than the image
 * along an axis is first shrunk to the image's length rounded up to that multiple, so every tile at least that
 * long gives the same tiling, and a network sees no more repeated edge pixels than its input size requires
 * (training never shows it any; through its receptive field they change every prediction of a small image).
 */
public final class Tiler {

    private final int tileHeight;
    private final int tileWidth;
    private final int overlapY;
    private final int overlapX;
    private final int sizeMultiple;

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
        this.sizeMultiple = 0;
    }

    private Tiler(Tiler t, int sizeMultiple) {
        this.tileHeight = t.tileHeight;
        this.tileWidth = t.tileWidth;
        this.overlapY = t.overlapY;
        this.overlapX = t.overlapX;
        this.sizeMultiple = sizeMultiple;
    }

    /**
     * This tiler, shrinking a tile longer than the image to the image's length rounded up to {@code multiple}
     * (along an axis whose tile length is a multiple of it; others keep their length).
     */
    public Tiler withSizeMultiple(int multiple) {
        if (multiple <= 0) {
            throw new IllegalArgumentException("size multiple must be positive, got " + multiple);
        }
        return new Tiler(this, multiple);
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
        int th = fitted(tileHeight, height);
        int tw = fitted(tileWidth, width);
        int[] rows = starts(height, th, Math.min(overlapY, th - 1));
        int[] columns = starts(width, tw, Math.min(overlapX, tw - 1));
        List<Tile> tiles = new ArrayList<>(rows.length * columns.length);
        for (int y : rows) {
            for (int x : columns) {
                tiles.add(new Tile(y, x, th, tw));
            }
        }
        return new Tiling(height, width, th, tw, tiles);
    }

    /** The tile length along an axis of {@code length} pixels (see {@link #withSizeMultiple}). */
    private int fitted(int tile, int length) {
        if (sizeMultiple == 0 || length >= tile || tile % sizeMultiple != 0) {
            return tile;
        }
        return Math.min(tile, (length + sizeMultiple - 1) / sizeMultiple * sizeMultiple);
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
        return "Tiler[" + tileHeight + " x " + tileWidth + ", overlap " + overlapY + " x " + overlapX
                + (sizeMultiple > 0 ? ", size multiple " + sizeMultiple : "") + "]";
    }
}
