package org.emsym.engine.window;

/**
 * One tile of a {@link Tiling}: the rectangle of {@code height x width} pixels whose top-left corner is at row
 * {@code y}, column {@code x}. Tiles of one tiling all have the tiling's tile size; a tile may reach past the
 * image's bottom or right edge only when the image is smaller than a tile along that axis.
 */
public record Tile(int y, int x, int height, int width) {

    public Tile {
        if (y < 0 || x < 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "tile needs y, x >= 0 and a positive size, got y=" + y + " x=" + x + " " + height + " x " + width);
        }
    }

    /** Whether pixel (row, column) lies in this tile. */
    public boolean contains(int row, int column) {
        return row >= y && row < y + height && column >= x && column < x + width;
    }
}
