package org.emsym.engine.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MobileNetV2 feature extractor of Keras applications (without the classifier) as a DJL block on
 * NCHW input: Conv1 (3x3, stride 2, TF 'same'), bn_Conv1, ReLU6, 17 inverted-residual blocks
 * ({@code expanded_conv}, {@code block_1} .. {@code block_16}), Conv_1 (1x1), Conv_1_bn, ReLU6
 * ({@code out_relu}). It returns the feature maps named by {@link MobileNetV2Encoder#FEATURE_LAYERS}.
 */
final class MobileNetV2Block extends AbstractBlock {

    /** Keras applications' (expansion t, filters c, repeats n, first stride s) table. */
    private static final int[][] SETTINGS = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1},
    };
    /** Blocks whose expansion ReLU6 is a skip tap (strides 2, 4, 8, 16). */
    static final int[] TAP_BLOCKS = {1, 3, 6, 13};
    /** DJL's momentum: the running statistics keep 0.9 and take 0.1 of each training batch's statistics. */
    static final float FINE_TUNING_MOMENTUM = 0.9f;

    private final Map<String, Block> layers = new LinkedHashMap<>();
    private final Conv2d firstConv;
    private final BatchNorm firstBn;
    private final List<InvertedResidualBlock> blocks = new ArrayList<>();
    private final Conv2d lastConv;
    private final BatchNorm lastBn;
    private final int lastChannels;

    MobileNetV2Block(int inChannels, float alpha) {
        if (inChannels < 1) {
            throw new IllegalArgumentException("MobileNetV2 needs at least one input channel, got " + inChannels);
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("MobileNetV2 width multiplier alpha must be > 0, got " + alpha);
        }
        int channels = makeDivisible(32 * alpha);
        firstConv = register("Conv1", Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(channels)
                .optStride(new Shape(2, 2)).optBias(false).build());
        firstBn = register("bn_Conv1", batchNorm());
        int id = 0;
        for (int[] s : SETTINGS) {
            int out = makeDivisible((int) (s[1] * alpha));
            for (int r = 0; r < s[2]; r++) {
                String prefix = id == 0 ? "expanded_conv_" : "block_" + id + "_";
                InvertedResidualBlock block = new InvertedResidualBlock(prefix, channels, s[0], out, r == 0 ? s[3] : 1, layers);
                blocks.add(addChildBlock(prefix.substring(0, prefix.length() - 1), block));
                channels = out;
                id++;
            }
        }
        lastChannels = alpha > 1 ? makeDivisible(1280 * alpha) : 1280;
        lastConv = register("Conv_1", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(lastChannels)
                .optBias(false).build());
        lastBn = register("Conv_1_bn", batchNorm());
    }

    /** Keras applications' {@code _make_divisible(v, 8)}. */
    static int makeDivisible(float v) {
        int rounded = Math.max(8, (int) (v + 4) / 8 * 8);
        return rounded < 0.9f * v ? rounded + 8 : rounded;
    }

    /**
     * Keras' epsilon 1e-3 (it shapes every output), but PyTorch's running-statistics rate (0.1 per training
     * batch, DJL momentum 0.9) instead of Keras' 0.999. Momentum only matters while fine-tuning: at 0.999 a
     * CPU budget of ~100 steps leaves the ImageNet statistics almost untouched, so inference normalizes EM
     * features with ImageNet statistics while training normalized them with batch statistics. On ISBI that
     * mismatch alone took a trained {@code uniform} network from validation Dice 0.70 to 0.25 with identical
     * weights (see bench/README.md); PyTorch fine-tuning, as in the paper, follows the new data at 0.1.
     */
    static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(1e-3f).optMomentum(FINE_TUNING_MOMENTUM).build();
    }

    private <B extends Block> B register(String name, B block) {
        layers.put(name, block);
        return addChildBlock(name, block);
    }

    /** Every convolution and batch norm by Keras layer name, in network order. */
    Map<String, Block> kerasLayers() {
        return Collections.unmodifiableMap(layers);
    }

    Conv2d firstConv() {
        return firstConv;
    }

    int[] featureChannels() {
        int[] channels = new int[TAP_BLOCKS.length + 1];
        for (int i = 0; i < TAP_BLOCKS.length; i++) {
            channels[i] = blocks.get(TAP_BLOCKS[i]).expandedChannels();
        }
        channels[TAP_BLOCKS.length] = lastChannels;
        return channels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = KerasSamePadding.pad(inputs.singletonOrThrow(), 3, 2);
        x = firstConv.forward(ps, new NDList(x), training).singletonOrThrow();
        x = Activation.relu6(firstBn.forward(ps, new NDList(x), training).singletonOrThrow());
        NDList features = new NDList(TAP_BLOCKS.length + 1);
        int tap = 0;
        for (int i = 0; i < blocks.size(); i++) {
            NDList out = blocks.get(i).forward(ps, new NDList(x), training);
            x = out.get(0);
            if (tap < TAP_BLOCKS.length && TAP_BLOCKS[tap] == i) {
                features.add(out.get(1));
                tap++;
            }
        }
        x = lastConv.forward(ps, new NDList(x), training).singletonOrThrow();
        features.add(Activation.relu6(lastBn.forward(ps, new NDList(x), training).singletonOrThrow()));
        return features;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = firstConv.getOutputShapes(new Shape[] {KerasSamePadding.paddedShape(inputShapes[0], 3, 2)})[0];
        List<Shape> features = new ArrayList<>();
        int tap = 0;
        for (int i = 0; i < blocks.size(); i++) {
            Shape[] out = blocks.get(i).getOutputShapes(new Shape[] {s});
            if (tap < TAP_BLOCKS.length && TAP_BLOCKS[tap] == i) {
                features.add(out[1]);
                tap++;
            }
            s = out[0];
        }
        features.add(lastConv.getOutputShapes(new Shape[] {s})[0]);
        return features.toArray(Shape[]::new);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape padded = KerasSamePadding.paddedShape(inputShapes[0], 3, 2);
        firstConv.initialize(manager, dataType, padded);
        Shape s = firstConv.getOutputShapes(new Shape[] {padded})[0];
        firstBn.initialize(manager, dataType, s);
        for (InvertedResidualBlock block : blocks) {
            block.initialize(manager, dataType, s);
            s = block.getOutputShapes(new Shape[] {s})[0];
        }
        lastConv.initialize(manager, dataType, s);
        lastBn.initialize(manager, dataType, lastConv.getOutputShapes(new Shape[] {s})[0]);
    }
}
