package org.emsym.engine.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Objects;
import java.util.OptionalInt;
import org.emsym.engine.util.GradMode;

/**
 * A {@link TileModel} over any DJL {@link Block}: a U-Net built in this engine (PyTorch engine, logits
 * out, so {@link OutputActivation#forLogits}) or the symbol block of an imported TensorFlow or ONNX
 * model. Every call creates its arrays in a fresh sub-manager of {@link Builder#manager} and closes it
 * before returning, so native memory stays flat however many batches run.
 *
 * <p>Not thread-safe: one predictor thread per instance.
 */
public final class BlockTileModel implements TileModel {

    /** Edge of the zero tile used to find the class count when it is not stated (U-Nets need multiples of 32). */
    static final int PROBE_SIZE = 32;

    private final Block block;
    private final NDManager manager;
    private final int inputChannels;
    private final int classes;
    private final TensorLayout layout;
    private final OutputActivation activation;
    private final String source;
    private final AutoCloseable owned;

    private BlockTileModel(Builder b, int inputChannels, int classes, OutputActivation activation) {
        this.block = b.block;
        this.manager = Objects.requireNonNull(b.manager, "manager");
        this.layout = b.layout;
        this.source = b.source;
        this.owned = b.owned;
        this.inputChannels = inputChannels;
        this.classes = classes;
        this.activation = activation;
    }

    public static Builder builder(Block block) {
        return new Builder(block);
    }

    @Override
    public int inputChannels() {
        return inputChannels;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public String source() {
        return source;
    }

    public TensorLayout layout() {
        return layout;
    }

    public OutputActivation activation() {
        return activation;
    }

    @Override
    public float[] predict(float[] tiles, int batchSize, int height, int width) {
        int pixels = height * width;
        if (batchSize <= 0 || height <= 0 || width <= 0 || tiles.length != batchSize * inputChannels * pixels) {
            throw new IllegalArgumentException("model " + source + ": a batch of " + batchSize + " tiles of "
                    + inputChannels + " x " + height + " x " + width + " needs "
                    + (long) batchSize * inputChannels * pixels + " values, got " + tiles.length);
        }
        float[] values = forward(tiles, batchSize, height, width, classes);
        activation.applyInPlace(values, batchSize, classes, pixels);
        return values;
    }

    /** Runs the block on one batch in its own scope; returns raw outputs in (N, classes, h, w) order. */
    private float[] forward(float[] tiles, int batchSize, int height, int width, int expectedClasses) {
        int pixels = height * width;
        Shape inputShape = layout.shape(batchSize, inputChannels, height, width);
        GradMode.disableOnThisThread(); // prediction may run on a worker thread: record no autograd graph
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(layout.fromNchw(tiles, batchSize, inputChannels, pixels), inputShape);
            NDList output;
            try {
                output = block.forward(new ParameterStore(scope, false), new NDList(input), false);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("model " + source + " failed on input of shape " + inputShape
                        + " (" + layout + "): " + e.getMessage(), e);
            }
            NDArray out = output.head();
            Shape shape = out.getShape();
            Shape wanted = layout.shape(batchSize, expectedClasses > 0 ? expectedClasses : shape.get(layout.channelAxis()),
                    height, width);
            if (shape.dimension() != 4 || !shape.equals(wanted)) {
                throw new IllegalArgumentException("model " + source + " returned shape " + shape + " for input "
                        + inputShape + "; expected " + wanted + " (" + layout + ", same height and width as the input)");
            }
            int outClasses = (int) shape.get(layout.channelAxis());
            float[] values = out.getDataType() == DataType.FLOAT32 ? out.toFloatArray()
                    : out.toType(DataType.FLOAT32, false).toFloatArray();
            return layout.toNchw(values, batchSize, outClasses, pixels);
        }
    }

    /** Runs one zero tile through the block to read its class count (for blocks that do not state it). */
    private static int probeClasses(Builder b, int inputChannels) {
        BlockTileModel unresolved = new BlockTileModel(b, inputChannels, -1, OutputActivation.NONE);
        float[] zeros = new float[inputChannels * PROBE_SIZE * PROBE_SIZE];
        return unresolved.forward(zeros, 1, PROBE_SIZE, PROBE_SIZE, -1).length / (PROBE_SIZE * PROBE_SIZE);
    }

    private static int resolveInputChannels(Builder b) {
        OptionalInt fromWeights = b.layout == TensorLayout.NCHW ? firstConvolutionInputs(b.block) : OptionalInt.empty();
        if (b.inputChannels > 0 && fromWeights.isPresent() && fromWeights.getAsInt() != b.inputChannels) {
            throw new IllegalArgumentException("model " + b.source + " is declared with " + b.inputChannels
                    + " input channels, but its first convolution takes " + fromWeights.getAsInt());
        }
        if (b.inputChannels > 0) {
            return b.inputChannels;
        }
        return fromWeights.orElseThrow(() -> new IllegalArgumentException("model " + b.source
                + ": cannot tell its input channels from its parameters; state them with inputChannels(int)"));
    }

    /**
     * Input channels of the block's first 4-D parameter in registration order, which for DJL's
     * convolutions is the (out, in, kh, kw) weight of the first convolution. Empty for blocks that do
     * not expose parameters (imported symbol blocks) or are not yet initialized.
     */
    static OptionalInt firstConvolutionInputs(Block block) {
        try {
            for (Pair<String, Parameter> p : block.getParameters()) {
                Parameter parameter = p.getValue();
                if (parameter.isInitialized() && parameter.getArray().getShape().dimension() == 4) {
                    return OptionalInt.of((int) parameter.getArray().getShape().get(1));
                }
            }
        } catch (UnsupportedOperationException e) {
            // symbol blocks of imported models list no parameters
        }
        return OptionalInt.empty();
    }

    /** Closes what the builder was told this model owns (e.g. the DJL Model of an imported network). */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot release model " + source + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "BlockTileModel[" + source + ", in=" + inputChannels + ", classes=" + classes + ", " + layout
                + ", " + activation + "]";
    }

    /** Builds a {@link BlockTileModel}; only the block and the manager are required. */
    public static final class Builder {
        private final Block block;
        private NDManager manager;
        private int inputChannels = -1;
        private int classes = -1;
        private TensorLayout layout = TensorLayout.NCHW;
        private OutputActivation activation;
        private String source = "DJL block";
        private AutoCloseable owned;

        private Builder(Block block) {
            this.block = Objects.requireNonNull(block, "block");
        }

        /** Parent of the per-batch scopes; must belong to the block's engine (e.g. the Model's manager). */
        public Builder manager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /** Input channels; when left out they are read from the first convolution's weight. */
        public Builder inputChannels(int channels) {
            this.inputChannels = positive(channels, "inputChannels");
            return this;
        }

        /** Output classes; when left out, one zero tile of 32 x 32 is run to find them. */
        public Builder classes(int classes) {
            this.classes = positive(classes, "classes");
            return this;
        }

        public Builder layout(TensorLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** Default: sigmoid for one class, softmax for more (the block outputs logits). */
        public Builder activation(OutputActivation activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** A resource that the built model closes with itself, e.g. the DJL Model holding the block. */
        public Builder owning(AutoCloseable resource) {
            this.owned = resource;
            return this;
        }

        /**
         * @throws IllegalArgumentException if the stated input channels contradict the first
         *     convolution, or the block fails on a probe tile
         */
        public BlockTileModel build() {
            Objects.requireNonNull(manager, "manager");
            int in = resolveInputChannels(this);
            int out = classes > 0 ? classes : probeClasses(this, in);
            return new BlockTileModel(this, in, out, activation != null ? activation : OutputActivation.forLogits(out));
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
