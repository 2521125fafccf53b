package org.emsym.engine.window;

/**
 * Weights with which overlapping tile predictions are averaged by a {@link TileBlender}. Every weight is
 * strictly positive, so every pixel a tile covers gets a defined value; the smooth modes weight a tile's centre
 * more than its border, which hides seams where a network's border predictions are poor.
 */
public enum BlendMode {
    /** All pixels of a tile weigh the same: a plain mean of the overlapping predictions. */
    UNIFORM,
    /**
     * A Gaussian bump centred on the tile with a standard deviation of 1/8 of the tile size per axis (as in
     * nnU-Net); about 3e-4 of the peak at the middle of an edge.
     */
    GAUSSIAN,
    /** A raised cosine (Hann) window evaluated at pixel centres, so the border pixels keep a small weight. */
    COSINE;

    /** Standard deviation of the Gaussian weights as a fraction of the tile size. */
    public static final double GAUSSIAN_SIGMA_FRACTION = 1.0 / 8.0;

    /** Row-major {@code height x width} weights, each in (0, 1]. */
    public double[] weights(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("tile size must be positive, got " + height + " x " + width);
        }
        double[] rows = profile(height);
        double[] columns = profile(width);
        double[] weights = new double[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                weights[y * width + x] = rows[y] * columns[x];
            }
        }
        return weights;
    }

    private double[] profile(int n) {
        double[] p = new double[n];
        double centre = (n - 1) / 2.0;
        double sigma = Math.max(GAUSSIAN_SIGMA_FRACTION * n, 0.5);
        for (int i = 0; i < n; i++) {
            p[i] = switch (this) {
                case UNIFORM -> 1.0;
                case GAUSSIAN -> Math.exp(-(i - centre) * (i - centre) / (2 * sigma * sigma));
                case COSINE -> Math.pow(Math.sin(Math.PI * (i + 0.5) / n), 2);
            };
        }
        return p;
    }
}
