package org.emsym.engine.interop.bioimageio;

import java.util.Objects;
import org.emsym.engine.predict.TileModel;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.WindowSpec;

/**
 * A bioimage.io model loaded for prediction: the network (ONNX Runtime or TorchScript) followed by the output's
 * postprocessing, as a {@link TileModel} for the {@link TiledVolumePredictor}; the input's
 * {@link Preprocessing}; the sizes it accepts ({@link TileConstraint}) and the output's halo.
 *
 * <p>{@link #predictor(Volume, BoundaryMode)} sets all of these on a predictor: the window of context
 * {@code k = (channels - 1) / 2}, the preprocessing fitted on the volume, the accepted tile nearest to 256 x 256,
 * and an overlap of at least twice the halo, so every pixel lies in some tile outside that tile's halo (the
 * Gaussian blend weights tile centres most). Tiles of other sizes are refused naming the axes field; a model
 * whose batch axis is fixed to 1 is run one tile at a time.
 */
public final class PackageModel implements TileModel {

    /** The tile side the predictor starts from before the model's constraint is applied. */
    public static final int PREFERRED_TILE = 256;

    private final TileModel network;
    private final Postprocessing postprocessing;
    private final Preprocessing preprocessing;
    private final TileConstraint tiles;
    private final int halo;
    private final boolean singleBatch;
    private final String source;

    PackageModel(TileModel network, Preprocessing preprocessing, Postprocessing postprocessing, TileConstraint tiles,
            int halo, boolean singleBatch, String source) {
        this.network = Objects.requireNonNull(network, "network");
        this.preprocessing = preprocessing;
        this.postprocessing = postprocessing;
        this.tiles = tiles;
        this.halo = halo;
        this.singleBatch = singleBatch;
        this.source = source;
    }

    @Override
    public int inputChannels() {
        return network.inputChannels();
    }

    @Override
    public int classes() {
        return network.classes();
    }

    @Override
    public String source() {
        return source;
    }

    /** Window context of the input: {@code (channels - 1) / 2}. */
    public int context() {
        return (inputChannels() - 1) / 2;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public Postprocessing postprocessing() {
        return postprocessing;
    }

    public TileConstraint tileConstraint() {
        return tiles;
    }

    /** Output pixels at each tile border that the model marks as unreliable (the larger of y and x). */
    public int halo() {
        return halo;
    }

    @Override
    public float[] predict(float[] tiles, int batchSize, int height, int width) {
        this.tiles.require(height, width);
        int pixels = height * width;
        float[] out;
        if (singleBatch && batchSize > 1) {
            int in = inputChannels() * pixels;
            int o = classes() * pixels;
            out = new float[batchSize * o];
            for (int n = 0; n < batchSize; n++) {
                float[] one = network.predict(java.util.Arrays.copyOfRange(tiles, n * in, (n + 1) * in), 1, height, width);
                System.arraycopy(one, 0, out, n * o, o);
            }
        } else {
            out = network.predict(tiles, batchSize, height, width);
        }
        postprocessing.applyInPlace(out, batchSize, classes(), pixels);
        return out;
    }

    /**
     * A predictor of this model over {@code image}, with the window, tile size, overlap and preprocessing the
     * package asks for (see the class comment); the caller may change batch size, blending, progress.
     */
    public TiledVolumePredictor.Builder predictor(Volume image, BoundaryMode boundary) {
        int[] tile = tiles.nearest(PREFERRED_TILE, PREFERRED_TILE);
        int overlap = Math.max(2 * halo, Math.min(tile[0], tile[1]) / 8);
        if (overlap >= Math.min(tile[0], tile[1])) {
            throw new IllegalArgumentException("model " + source + ": a halo of " + halo + " needs an overlap of " + overlap
                    + ", not smaller than the tile " + tile[0] + " x " + tile[1]);
        }
        return TiledVolumePredictor.builder(this, new WindowSpec(context(), boundary)).tileSize(tile[0], tile[1])
                .overlap(overlap).sectionTransform(preprocessing.fit(image));
    }

    @Override
    public void close() {
        network.close();
    }

    @Override
    public String toString() {
        return "PackageModel[" + source + ", in=" + inputChannels() + ", classes=" + classes() + ", " + preprocessing + ", "
                + postprocessing + ", tiles " + tiles.describe() + ", halo " + halo + "]";
    }
}
