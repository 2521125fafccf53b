package org.emsym.engine.window;

/**
 * A training crop: the {@code height x width} rectangle with top-left corner at row {@code y}, column {@code x}
 * of the window centred on section {@code z}. Its centre pixel is ({@link #centreY()}, {@link #centreX()}).
 */
public record Patch(int z, int y, int x, int height, int width) {

    public Patch {
        if (z < 0 || y < 0 || x < 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("patch needs z, y, x >= 0 and a positive size, got z=" + z + " y=" + y
                    + " x=" + x + " " + height + " x " + width);
        }
    }

    /** Row of the centre pixel: {@code y + height/2}. */
    public int centreY() {
        return y + height / 2;
    }

    /** Column of the centre pixel: {@code x + width/2}. */
    public int centreX() {
        return x + width / 2;
    }
}
