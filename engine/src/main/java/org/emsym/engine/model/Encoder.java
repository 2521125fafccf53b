package org.emsym.engine.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * A classification backbone used as U-Net encoder. Its block maps an input {@code NDList} holding one
 * {@code (N, C, H, W)} array to an {@code NDList} of feature maps, finest first, at the strides given
 * by {@link #featureStrides()} (e.g. 2, 4, 8, 16, 32), which the decoder uses as skip connections.
 */
public interface Encoder {

    /** Architecture id, e.g. {@code mobilenet_v2}, {@code resnet18}. */
    String architecture();

    /** Input channels, 2k+1 for a window of context k. */
    int inChannels();

    Block block();

    /** Channels of each feature map the block returns, finest first. */
    int[] featureChannels();

    /** Down-sampling factor of each feature map relative to the input, finest first. */
    int[] featureStrides();

    /**
     * The first convolution's weight, shape (out, inChannels, kh, kw): the layer symmetrization edits.
     * Valid once the block is initialized.
     */
    Parameter firstConvWeight();

    /**
     * The pretrained first-convolution kernel in {@code weights}, in this architecture's naming scheme (usually
     * RGB, shape (out, 3, kh, kw)): what symmetrization adapts to {@link #inChannels()} channels.
     *
     * @throws IllegalArgumentException naming the tensor when {@code weights} lacks it
     */
    NamedTensor pretrainedFirstConv(PretrainedWeights weights);

    /**
     * Copies pretrained tensors (in this architecture's naming scheme) into the initialized block.
     * A first-convolution kernel with another input-channel count than {@link #inChannels()} is left to
     * the caller (symmetrization adapts it); every other mismatch is an error naming the layer, raised
     * before any parameter is changed.
     */
    void loadPretrained(PretrainedWeights weights);
}
