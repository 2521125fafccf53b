package org.emsym.engine.model.resnet;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.emsym.engine.model.Encoder;
import org.emsym.engine.model.NamedParameters;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.PretrainedWeights;

/**
 * ResNet-18/34/50 encoder with torchvision state-dict naming ({@code conv1.weight}, {@code bn1.running_mean},
 * {@code layer1.0.conv1.weight}, {@code layer2.0.downsample.0.weight}, ...). Feature maps: after the ReLU of
 * conv1 (stride 2), then layer1..layer4 (strides 4, 8, 16, 32). The classifier ({@code fc.*}) is not part
 * of the encoder and is ignored on import.
 */
public final class ResNetEncoder implements Encoder {

    /** torchvision name of the first convolution kernel, the layer symmetrization edits. */
    public static final String FIRST_CONV = "conv1.weight";

    /** Supported depths: residual units per stage and unit type. */
    public enum Depth {
        RESNET18("resnet18", false, 2, 2, 2, 2),
        RESNET34("resnet34", false, 3, 4, 6, 3),
        RESNET50("resnet50", true, 3, 4, 6, 3);

        private final String id;
        private final boolean bottleneck;
        private final int[] units;

        Depth(String id, boolean bottleneck, int... units) {
            this.id = id;
            this.bottleneck = bottleneck;
            this.units = units;
        }

        public String id() {
            return id;
        }

        boolean bottleneck() {
            return bottleneck;
        }

        int[] units() {
            return units.clone();
        }
    }

    private final Depth depth;
    private final int inChannels;
    private final ResNetBackbone block;
    private final NamedParameters parameters;

    public ResNetEncoder(Depth depth, int inChannels) {
        if (inChannels < 1) {
            throw new IllegalArgumentException("in-channels must be >= 1, got " + inChannels);
        }
        this.depth = depth;
        this.inChannels = inChannels;
        Map<String, Parameter> names = new LinkedHashMap<>();
        this.block = new ResNetBackbone(depth, names);
        this.parameters = new NamedParameters(names);
    }

    public static ResNetEncoder resnet18(int inChannels) {
        return new ResNetEncoder(Depth.RESNET18, inChannels);
    }

    public static ResNetEncoder resnet34(int inChannels) {
        return new ResNetEncoder(Depth.RESNET34, inChannels);
    }

    public static ResNetEncoder resnet50(int inChannels) {
        return new ResNetEncoder(Depth.RESNET50, inChannels);
    }

    @Override
    public String architecture() {
        return depth.id();
    }

    @Override
    public int inChannels() {
        return inChannels;
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public int[] featureChannels() {
        int e = depth.bottleneck() ? 4 : 1;
        return new int[] {64, 64 * e, 128 * e, 256 * e, 512 * e};
    }

    @Override
    public int[] featureStrides() {
        return new int[] {2, 4, 8, 16, 32};
    }

    @Override
    public Parameter firstConvWeight() {
        return parameters.get(FIRST_CONV);
    }

    /** Every parameter under its torchvision name (state-dict order). */
    public NamedParameters namedParameters() {
        return parameters;
    }

    @Override
    public NamedTensor pretrainedFirstConv(PretrainedWeights weights) {
        return weights.get(FIRST_CONV);
    }

    @Override
    public void loadPretrained(PretrainedWeights weights) {
        parameters.copyFrom(weights, Set.of(FIRST_CONV));
    }
}
