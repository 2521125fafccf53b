package org.emsym.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A U-Net for 2.5D windows: an {@link Encoder} (pretrained classification backbone), one
 * {@link DecoderBlock} per encoder feature map, each upsampling and joining the next finer feature map as
 * skip connection, and a 1x1 convolution head giving per-class logits at input resolution.
 *
 * <p>Input {@code (N, 2k+1, H, W)} with H and W multiples of the encoder's coarsest stride (32 for the
 * usual backbones); output {@code (N, classes, H, W)} logits. Decoder stage i runs at the stride of
 * feature map {@code n-2-i} (the last one at stride 1), so {@code decoderChannels} has one entry per
 * encoder feature map, coarsest stage first.
 */
public final class UNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Encoder encoder;
    private final int[] decoderChannels;
    private final Upsampling upsampling;
    /** Output channels by default: one logit, membrane vs rest, for a sigmoid loss. */
    public static final int DEFAULT_CLASSES = 1;

    private final int classes;
    private final List<DecoderBlock> decoder = new ArrayList<>();
    private final Conv2d head;
    private boolean encoderFrozen;

    private UNet(Builder b) {
        super(VERSION);
        this.encoder = b.encoder;
        this.decoderChannels = b.decoderChannels.clone();
        this.upsampling = b.upsampling;
        this.classes = b.classes;
        addChildBlock("encoder", encoder.block());
        int[] strides = encoder.featureStrides();
        for (int i = 0; i < decoderChannels.length; i++) {
            int from = strides[strides.length - 1 - i];
            int to = i + 1 < strides.length ? strides[strides.length - 2 - i] : 1;
            decoder.add(addChildBlock("decoder" + i, new DecoderBlock(decoderChannels[i], from / to, upsampling)));
        }
        head = addChildBlock("head", Conv2d.builder().setFilters(classes).setKernelShape(new Shape(1, 1)).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Encoder encoder() {
        return encoder;
    }

    public int[] decoderChannels() {
        return decoderChannels.clone();
    }

    public Upsampling upsampling() {
        return upsampling;
    }

    public int classes() {
        return classes;
    }

    public int inChannels() {
        return encoder.inChannels();
    }

    /** The input-size granularity: H and W must be multiples of this (the coarsest encoder stride). */
    public int sizeMultiple() {
        int[] s = encoder.featureStrides();
        return s[s.length - 1];
    }

    /**
     * Freezes or unfreezes the encoder, e.g. for the first epochs of fine-tuning. A frozen encoder gets no
     * gradients and runs its batch norms in inference mode, so their pretrained running statistics are
     * kept; the running statistics themselves never take gradients.
     */
    public void setEncoderFrozen(boolean frozen) {
        encoder.block().freezeParameters(frozen, p -> p.getType() != Parameter.Type.RUNNING_MEAN
                && p.getType() != Parameter.Type.RUNNING_VAR);
        this.encoderFrozen = frozen;
    }

    public boolean isEncoderFrozen() {
        return encoderFrozen;
    }

    /**
     * Checks an input shape against this network.
     *
     * @throws IllegalArgumentException naming the shape and what is wrong
     */
    public void validateInput(Shape shape) {
        int m = sizeMultiple();
        if (shape.dimension() != 4 || shape.get(1) != inChannels() || shape.get(2) % m != 0 || shape.get(3) % m != 0
                || shape.get(2) <= 0 || shape.get(3) <= 0) {
            throw new IllegalArgumentException("U-Net input must be (N, " + inChannels() + ", H, W) with H and W positive multiples of "
                    + m + " (" + encoder.architecture() + " encoder), got " + shape);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        validateInput(x.getShape());
        NDList features = encoder.block().forward(ps, new NDList(x), training && !encoderFrozen, params);
        int n = features.size();
        NDArray y = features.get(n - 1);
        for (int i = 0; i < decoder.size(); i++) {
            NDList in = i + 1 < n ? new NDList(y, features.get(n - 2 - i)) : new NDList(y);
            y = decoder.get(i).forward(ps, in, training, params).singletonOrThrow();
        }
        return head.forward(ps, new NDList(y), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        return new Shape[] {new Shape(in.get(0), classes, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputs) {
        Shape in = inputs[0];
        validateInput(in);
        encoder.block().initialize(manager, type, in);
        int[] channels = encoder.featureChannels();
        int[] strides = encoder.featureStrides();
        int n = channels.length;
        Shape x = featureShape(in, channels[n - 1], strides[n - 1]);
        for (int i = 0; i < decoder.size(); i++) {
            Block d = decoder.get(i);
            Shape[] dIn = i + 1 < n
                    ? new Shape[] {x, featureShape(in, channels[n - 2 - i], strides[n - 2 - i])}
                    : new Shape[] {x};
            d.initialize(manager, type, dIn);
            x = d.getOutputShapes(dIn)[0];
        }
        head.initialize(manager, type, x);
    }

    private static Shape featureShape(Shape in, int channels, int stride) {
        return new Shape(in.get(0), channels, in.get(2) / stride, in.get(3) / stride);
    }

    @Override
    public String toString() {
        return "UNet(encoder=" + encoder.architecture() + ", in=" + inChannels() + ", decoder=" + Arrays.toString(decoderChannels)
                + ", " + upsampling + ", classes=" + classes + ")";
    }

    /** Builds a {@link UNet}; only the encoder is required. */
    public static final class Builder {
        private Encoder encoder;
        private int[] decoderChannels = {256, 128, 64, 32, 16};
        private Upsampling upsampling = Upsampling.BILINEAR;
        private int classes = DEFAULT_CLASSES;

        private Builder() {
        }

        public Builder setEncoder(Encoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /** Output channels of each decoder stage, coarsest first; one per encoder feature map. */
        public Builder optDecoderChannels(int... channels) {
            this.decoderChannels = channels.clone();
            return this;
        }

        public Builder optUpsampling(Upsampling upsampling) {
            this.upsampling = Objects.requireNonNull(upsampling, "upsampling");
            return this;
        }

        /** Number of output logit channels (1 for binary membrane/cell with a sigmoid loss). */
        public Builder optClasses(int classes) {
            this.classes = classes;
            return this;
        }

        public UNet build() {
            if (encoder == null) {
                throw new IllegalStateException("U-Net needs an encoder");
            }
            if (classes < 1) {
                throw new IllegalArgumentException("U-Net classes must be >= 1, got " + classes);
            }
            int[] strides = encoder.featureStrides();
            if (decoderChannels.length != strides.length) {
                throw new IllegalArgumentException("U-Net decoder needs one channel count per encoder feature map ("
                        + strides.length + " for " + encoder.architecture() + "), got " + Arrays.toString(decoderChannels));
            }
            for (int c : decoderChannels) {
                if (c < 1) {
                    throw new IllegalArgumentException("decoder channels must be positive: " + Arrays.toString(decoderChannels));
                }
            }
            for (int i = 0; i < strides.length; i++) {
                int finer = i == 0 ? 1 : strides[i - 1];
                if (strides[i] <= finer || strides[i] % finer != 0) {
                    throw new IllegalArgumentException("encoder " + encoder.architecture() + " feature strides must increase by integer factors: "
                            + Arrays.toString(strides));
                }
            }
            return new UNet(this);
        }
    }
}
