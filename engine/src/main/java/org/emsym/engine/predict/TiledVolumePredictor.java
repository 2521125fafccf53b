package org.emsym.engine.predict;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.FiniteVolume;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.window.BlendMode;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Tile;
import org.emsym.engine.window.TileBlender;
import org.emsym.engine.window.Tiler;
import org.emsym.engine.window.Tiling;
import org.emsym.engine.window.Window;
import org.emsym.engine.window.WindowSpec;

/**
 * Whole-volume prediction by overlapping tiles. For each centre section the 2.5D window is cut with a
 * {@link StackWindower}, laid out in tiles by a {@link Tiler}, the tiles (times the test-time
 * augmentation transforms) are run through the {@link TileModel} in batches, and the predictions are
 * blended back into a section with a {@link TileBlender}.
 *
 * <p>{@link #probabilities(Volume)} returns a lazy volume that predicts only the sections a reader asks
 * for, so a writer streaming it slab by slab never holds more than one slab of output and its window
 * sections: memory does not grow with the depth of the stack.
 *
 * <p>A predictor is as thread-safe as its model (usually not): use one predictor per thread.
 */
public final class TiledVolumePredictor {

    private final TileModel model;
    private final WindowSpec spec;
    private final Tiler tiler;
    private final BlendMode blend;
    private final int batchSize;
    private final TestTimeAugmentation augmentation;
    private final UnaryOperator<float[]> sectionTransform;
    private final int outputClass;
    private final ProgressSink progress;
    private final Cancellation cancellation;
    private final PredictionCounters counters = new PredictionCounters();

    /** Input size multiple of the project's U-Nets (the stride of their encoders' deepest features). */
    public static final int DEFAULT_SIZE_MULTIPLE = 32;

    private TiledVolumePredictor(Builder b) {
        this.model = b.model;
        this.spec = b.spec;
        this.tiler = new Tiler(b.tileHeight, b.tileWidth, b.overlap, b.overlap).withSizeMultiple(b.sizeMultiple);
        this.blend = b.blend;
        this.batchSize = b.batchSize;
        this.augmentation = b.augmentation;
        this.sectionTransform = b.sectionTransform;
        this.outputClass = b.outputClass >= 0 ? b.outputClass : model.classes() - 1;
        this.progress = b.progress;
        this.cancellation = b.cancellation;
    }

    /**
     * A builder for predictions of {@code model} over windows of {@code spec}.
     *
     * @throws IllegalArgumentException if the model's input channels differ from {@code 2k+1}
     */
    public static Builder builder(TileModel model, WindowSpec spec) {
        return new Builder(model, spec);
    }

    public TileModel model() {
        return model;
    }

    public WindowSpec spec() {
        return spec;
    }

    /** The class whose probabilities {@link #probabilities(Volume)} hands out. */
    public int outputClass() {
        return outputClass;
    }

    /** Tiles, forward passes and model time so far (for benchmarks and summaries). */
    public PredictionCounters counters() {
        return counters;
    }

    /**
     * The probabilities of {@link #outputClass()} for every section of {@code image}, computed lazily
     * when sections are read. Sections without a window (the first and last k under
     * {@link org.emsym.engine.window.BoundaryMode#SKIP}) are NaN.
     *
     * A NaN or infinite image value fails the read of the sections it reaches ({@link FiniteVolume}).
     *
     * @throws IllegalArgumentException if the boundary mode leaves no window in {@code image}
     */
    public PredictedVolume probabilities(Volume image) {
        new StackWindower(image, spec); // validates k against the depth before anything runs
        return new PredictedVolume(this, FiniteVolume.of(image));
    }

    /**
     * Every class's probabilities for the window centred on section {@code z}.
     *
     * @return {@code [classes][height*width]}
     */
    public float[][] predictSection(Volume image, int z) {
        StackWindower windower = new StackWindower(FiniteVolume.of(image), spec, sectionTransform);
        Tiling tiling = tiler.tile(image.shape().height(), image.shape().width());
        TileBlender blender = new TileBlender(tiling, blend, model.classes());
        float[] all = predictWindow(windower.window(z), tiling, blender, ProgressSink.NONE);
        return splitClasses(all, model.classes());
    }

    UnaryOperator<float[]> sectionTransform() {
        return sectionTransform;
    }

    Tiler tiler() {
        return tiler;
    }

    BlendMode blend() {
        return blend;
    }

    ProgressSink progress() {
        return progress;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /**
     * Predicts one window tile by tile and blends the tiles: {@code classes * height * width} values.
     * Each tile is predicted once per test-time transform; all variants go into the blender with the
     * tile's weights, which averages them exactly as averaging first and blending after would.
     */
    float[] predictWindow(Window window, Tiling tiling, TileBlender blender, ProgressSink sectionProgress) {
        List<TileTransform> transforms = augmentation.transforms();
        List<Tile> tiles = tiling.tiles();
        int channels = spec.channels();
        int classes = model.classes();
        int th = tiling.tileHeight();
        int tw = tiling.tileWidth();
        int inputSize = channels * th * tw;
        int outputSize = classes * th * tw;
        int jobs = tiles.size() * transforms.size();
        blender.clear();
        float[] batch = new float[Math.min(batchSize, jobs) * inputSize];
        int lastTile = -1;
        float[] tileInput = null;
        for (int first = 0; first < jobs; first += batchSize) {
            cancellation.check();
            int n = Math.min(batchSize, jobs - first);
            for (int i = 0; i < n; i++) {
                int tile = (first + i) / transforms.size();
                if (tile != lastTile) {
                    tileInput = tiling.extractChw(window, tiles.get(tile));
                    lastTile = tile;
                }
                TileTransform transform = transforms.get((first + i) % transforms.size());
                System.arraycopy(transform.applyToInput(tileInput, channels, th, tw), 0, batch, i * inputSize,
                        inputSize);
            }
            long start = System.nanoTime();
            float[] out = model.predict(n * inputSize == batch.length ? batch : Arrays.copyOf(batch, n * inputSize),
                    n, th, tw);
            counters.addBatch(n, System.nanoTime() - start);
            for (int i = 0; i < n; i++) {
                TileTransform transform = transforms.get((first + i) % transforms.size());
                float[] prediction = Arrays.copyOfRange(out, i * outputSize, (i + 1) * outputSize);
                transform.invertOutputInPlace(prediction, classes, th, tw);
                blender.add(tiles.get((first + i) / transforms.size()), prediction);
            }
            int done = first + n;
            sectionProgress.report((double) done / jobs, "tile " + (done + transforms.size() - 1) / transforms.size()
                    + "/" + tiles.size() + (transforms.size() > 1 ? " (" + transforms.size() + " TTA variants)" : ""));
        }
        return blender.result();
    }

    static float[][] splitClasses(float[] all, int classes) {
        int plane = all.length / classes;
        float[][] out = new float[classes][];
        for (int c = 0; c < classes; c++) {
            out[c] = Arrays.copyOfRange(all, c * plane, (c + 1) * plane);
        }
        return out;
    }

    @Override
    public String toString() {
        return "TiledVolumePredictor[" + model.source() + ", " + spec + ", " + tiler + ", " + blend + ", batch "
                + batchSize + ", TTA " + augmentation + "]";
    }

    /** Settings of a {@link TiledVolumePredictor}; every one has a default except the model and window. */
    public static final class Builder {
        private final TileModel model;
        private final WindowSpec spec;
        private int tileHeight = 256;
        private int tileWidth = 256;
        private int overlap = -1;
        private int sizeMultiple = DEFAULT_SIZE_MULTIPLE;
        private BlendMode blend = BlendMode.GAUSSIAN;
        private int batchSize = 4;
        private TestTimeAugmentation augmentation = TestTimeAugmentation.NONE;
        private UnaryOperator<float[]> sectionTransform = UnaryOperator.identity();
        private int outputClass = -1;
        private ProgressSink progress = ProgressSink.NONE;
        private Cancellation cancellation = Cancellation.NEVER;

        private Builder(TileModel model, WindowSpec spec) {
            this.model = Objects.requireNonNull(model, "model");
            this.spec = Objects.requireNonNull(spec, "spec");
            model.requireContext(spec.context());
        }

        /** Tile size fed to the network (default 256 x 256; U-Nets need multiples of 32). */
        public Builder tileSize(int height, int width) {
            if (height <= 0 || width <= 0) {
                throw new IllegalArgumentException("tile size must be positive, got " + height + " x " + width);
            }
            this.tileHeight = height;
            this.tileWidth = width;
            return this;
        }

        /**
         * The input size multiple of the network (default {@value TiledVolumePredictor#DEFAULT_SIZE_MULTIPLE}, the
         * stride of the project's U-Net encoders). A tile larger than the section is shrunk to the section rounded
         * up to this multiple (see {@link Tiler#withSizeMultiple}), so every tile at least that large predicts the
         * same.
         */
        public Builder sizeMultiple(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("size multiple must be positive, got " + value);
            }
            this.sizeMultiple = value;
            return this;
        }

        /** Pixels shared by neighbouring tiles along y and x (default: 1/8 of the smaller tile side). */
        public Builder overlap(int pixels) {
            if (pixels < 0) {
                throw new IllegalArgumentException("overlap must be >= 0, got " + pixels);
            }
            this.overlap = pixels;
            return this;
        }

        /** Weights of overlapping tiles (default {@link BlendMode#GAUSSIAN}). */
        public Builder blend(BlendMode mode) {
            this.blend = Objects.requireNonNull(mode, "blend");
            return this;
        }

        /** Tiles per forward pass (default 4); TTA variants count as tiles. */
        public Builder batchSize(int tiles) {
            if (tiles <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + tiles);
            }
            this.batchSize = tiles;
            return this;
        }

        public Builder augmentation(TestTimeAugmentation augmentation) {
            this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
            return this;
        }

        /**
         * Applied to every image section after reading, before windowing, e.g. a per-volume
         * {@link Normalizer#sectionTransform()}. Must return height*width values.
         */
        public Builder sectionTransform(UnaryOperator<float[]> transform) {
            this.sectionTransform = Objects.requireNonNull(transform, "sectionTransform");
            return this;
        }

        /** Normalizes every section with a per-volume {@link Normalizer} (fitted once, e.g. on the image). */
        public Builder normalizer(Normalizer normalizer) {
            return sectionTransform(Objects.requireNonNull(normalizer, "normalizer").sectionTransform());
        }

        /** The class whose probabilities form the output volume (default: the last, i.e. 0 for one class). */
        public Builder outputClass(int index) {
            if (index < 0 || index >= model.classes()) {
                throw new IllegalArgumentException("output class " + index + " does not exist: model "
                        + model.source() + " has " + model.classes() + " class(es)");
            }
            this.outputClass = index;
            return this;
        }

        /** Receives one report per batch of tiles: overall fraction and "section z, tile i/n". */
        public Builder progress(ProgressSink sink) {
            this.progress = Objects.requireNonNull(sink, "progress");
            return this;
        }

        /** Checked before every batch; a cancel throws {@link org.emsym.engine.progress.CanceledException}. */
        public Builder cancellation(Cancellation cancellation) {
            this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
            return this;
        }

        /**
         * @throws IllegalArgumentException if the overlap is not smaller than the tile
         */
        public TiledVolumePredictor build() {
            if (overlap < 0) {
                overlap = Math.min(tileHeight, tileWidth) / 8;
            }
            if (overlap >= Math.min(tileHeight, tileWidth)) {
                throw new IllegalArgumentException("overlap " + overlap + " must be smaller than the tile "
                        + tileHeight + " x " + tileWidth);
            }
            return new TiledVolumePredictor(this);
        }
    }
}
