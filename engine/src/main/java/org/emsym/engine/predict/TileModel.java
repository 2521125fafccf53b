package org.emsym.engine.predict;

/**
 * A segmentation network seen as a function from a batch of 2.5D tiles to per-class probabilities.
 * Tiles and results are plain row-major float arrays in (N, C, h, w) order so that the tiled predictor
 * does not care which DJL engine (PyTorch, TensorFlow, ONNX Runtime) runs the network.
 *
 * <p>Implementations keep every native array of one call in a scope of their own, so nothing grows
 * from batch to batch. They are not required to be thread-safe.
 */
public interface TileModel extends AutoCloseable {

    /** Input channels the network takes: 2k+1 for a window of context k. */
    int inputChannels();

    /** Output classes (probability maps per tile). */
    int classes();

    /** A short description of where the model comes from (file, architecture), used in error messages. */
    String source();

    /**
     * Runs the network on {@code batchSize} tiles.
     *
     * @param tiles {@code batchSize * inputChannels() * height * width} values in (N, C, h, w) order
     * @return {@code batchSize * classes() * height * width} probabilities in (N, classes, h, w) order
     * @throws IllegalArgumentException if the array length does not match the stated shape, or the
     *     network rejects the tile size (the message names the model and the shape)
     */
    float[] predict(float[] tiles, int batchSize, int height, int width);

    /**
     * Checks that this model takes the channels of a window with context {@code k}.
     *
     * @throws IllegalArgumentException naming the model, its input channels, k and 2k+1
     */
    default void requireContext(int k) {
        int expected = 2 * k + 1;
        int channels = inputChannels();
        if (channels != expected) {
            String fit = channels % 2 == 1 ? "it fits context k=" + (channels - 1) / 2
                    : "an even channel count fits no symmetric window";
            throw new IllegalArgumentException("model " + source() + " takes " + channels
                    + " input channels, but a window of context k=" + k + " has 2k+1=" + expected
                    + " channels (" + fit + ")");
        }
    }

    /** Releases native resources the model owns; the default owns none. */
    @Override
    default void close() {
    }
}
