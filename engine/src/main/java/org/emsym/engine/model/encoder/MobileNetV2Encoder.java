package org.emsym.engine.model.encoder;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.emsym.engine.model.Encoder;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.PretrainedWeights;

/**
 * MobileNetV2 (Keras applications, layer names as there: {@code Conv1}, {@code bn_Conv1},
 * {@code expanded_conv_depthwise}, {@code block_1_expand}, ..., {@code Conv_1_bn}) as U-Net encoder on
 * NCHW input with any channel count. Feature maps, finest first, are the outputs of
 * {@link #FEATURE_LAYERS} at strides 2, 4, 8, 16, 32 (the layers segmentation_models' Keras U-Net uses
 * as skips, plus the backbone output); height and width should be multiples of 32.
 *
 * <p>Usage: {@code encoder.block().initialize(manager, DataType.FLOAT32, new Shape(1, c, h, w))}, then
 * {@link #loadPretrained}, then {@code block().forward(parameterStore, new NDList(x), false)}. Input scaling
 * is the caller's: the nsfwjs model expects RGB values in [0, 1].
 */
public final class MobileNetV2Encoder implements Encoder {

    public static final String ARCHITECTURE = "mobilenet_v2";
    /** Pretrained name of the first convolution's kernel, the tensor symmetrization adapts. */
    public static final String FIRST_CONV_KERNEL = "Conv1/kernel";
    /** Keras layers whose outputs the encoder returns, finest first. */
    public static final List<String> FEATURE_LAYERS = List.of(
            "block_1_expand_relu", "block_3_expand_relu", "block_6_expand_relu", "block_13_expand_relu", "out_relu");
    private static final int[] STRIDES = {2, 4, 8, 16, 32};

    private final int inChannels;
    private final float alpha;
    private final MobileNetV2Block block;

    /** MobileNetV2 with width multiplier 1.0 (that of nsfwjs and the standard ImageNet weights). */
    public MobileNetV2Encoder(int inChannels) {
        this(inChannels, 1.0f);
    }

    public MobileNetV2Encoder(int inChannels, float alpha) {
        this.inChannels = inChannels;
        this.alpha = alpha;
        this.block = new MobileNetV2Block(inChannels, alpha);
    }

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public int inChannels() {
        return inChannels;
    }

    public float alpha() {
        return alpha;
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public int[] featureChannels() {
        return block.featureChannels();
    }

    @Override
    public int[] featureStrides() {
        return STRIDES.clone();
    }

    @Override
    public Parameter firstConvWeight() {
        return block.firstConv().getParameters().get("weight");
    }

    @Override
    public NamedTensor pretrainedFirstConv(PretrainedWeights weights) {
        return weights.get(FIRST_CONV_KERNEL);
    }

    /**
     * Copies every backbone tensor (Keras names) into the initialized block: convolution kernels and
     * batch-norm gamma, beta, moving mean and moving variance (the latter two become DJL's running
     * statistics). All shapes are checked before anything is copied. {@link #FIRST_CONV_KERNEL} is left
     * unchanged when its input-channel count differs from {@link #inChannels()}.
     *
     * @throws IllegalStateException when the block is not initialized
     * @throws IllegalArgumentException naming layer, tensor and file when a tensor is missing or misshapen
     */
    @Override
    public void loadPretrained(PretrainedWeights weights) {
        if (!block.isInitialized()) {
            throw new IllegalStateException("initialize the MobileNetV2 block before loading pretrained weights");
        }
        List<Map.Entry<Parameter, NamedTensor>> copies = new ArrayList<>();
        for (Map.Entry<String, Block> layer : block.kerasLayers().entrySet()) {
            String name = layer.getKey();
            if (layer.getValue() instanceof Conv2d conv) {
                String kernel = name + (name.endsWith("_depthwise") ? "/depthwise_kernel" : "/kernel");
                Parameter weight = conv.getParameters().get("weight");
                NamedTensor t = weights.get(kernel);
                if (conv == block.firstConv() && t.shape().length == 4 && t.shape()[1] != inChannels) {
                    long[] expected = weight.getArray().getShape().getShape();
                    long[] actual = t.shape();
                    if (actual[0] != expected[0] || actual[2] != expected[2] || actual[3] != expected[3]) {
                        throw mismatch(weights, name, t, expected);
                    }
                    continue; // another in-channel count: symmetrization adapts it
                }
                copies.add(checked(weights, name, weight, t));
            } else if (layer.getValue() instanceof BatchNorm bn) {
                copies.add(checked(weights, name, bn.getParameters().get("gamma"), weights.get(name + "/gamma")));
                copies.add(checked(weights, name, bn.getParameters().get("beta"), weights.get(name + "/beta")));
                copies.add(checked(weights, name, bn.getParameters().get("runningMean"), weights.get(name + "/moving_mean")));
                copies.add(checked(weights, name, bn.getParameters().get("runningVar"), weights.get(name + "/moving_variance")));
            }
        }
        for (Map.Entry<Parameter, NamedTensor> copy : copies) {
            copy.getKey().getArray().set(copy.getValue().values());
        }
    }

    private static Map.Entry<Parameter, NamedTensor> checked(PretrainedWeights weights, String layer, Parameter p, NamedTensor t) {
        Shape expected = p.getArray().getShape();
        if (!Arrays.equals(expected.getShape(), t.shape())) {
            throw mismatch(weights, layer, t, expected.getShape());
        }
        return Map.entry(p, t);
    }

    private static IllegalArgumentException mismatch(PretrainedWeights weights, String layer, NamedTensor t, long[] expected) {
        return new IllegalArgumentException("shape mismatch in layer '" + layer + "': tensor '" + t.name() + "' of "
                + weights.source() + " has shape " + Arrays.toString(t.shape()) + ", MobileNetV2 (" + ARCHITECTURE
                + ") expects " + Arrays.toString(expected));
    }
}
