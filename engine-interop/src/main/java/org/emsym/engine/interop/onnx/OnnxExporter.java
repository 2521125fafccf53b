package org.emsym.engine.interop.onnx;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.emsym.engine.interop.onnx.OnnxGraph.Attribute;
import org.emsym.engine.model.Encoder;
import org.emsym.engine.model.NamedParameters;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.Upsampling;
import org.emsym.engine.model.encoder.MobileNetV2Encoder;
import org.emsym.engine.model.resnet.ResNetEncoder;

/**
 * Exports an initialized EMSym {@link UNet} (ResNet-18/34/50 or MobileNetV2 encoder, any 2k+1 input channels) as
 * an ONNX model of opset {@link OnnxGraph#OPSET} with input {@code x} of shape (N, 2k+1, H, W) and output
 * {@code y} of shape (N, classes, H, W), N, H and W symbolic (H and W multiples of 32, as the U-Net requires).
 *
 * <p>The graph is the network's inference-mode forward pass: every batch norm (running mean and variance, its
 * own epsilon) is folded into the convolution before it; ReLU6 becomes {@code Clip(0, 6)}; MobileNetV2's
 * TensorFlow 'same' padding before stride-2 convolutions becomes the asymmetric pads (0, 0, 1, 1), exact for
 * the even sides a U-Net input gives there; the decoder's upsampling becomes {@code Resize} with the semantics
 * of {@code torch.nn.functional.interpolate(size, align_corners = false)} that {@link Upsampling} runs:
 * nearest = {@code asymmetric} coordinates with {@code floor} rounding, bilinear = {@code linear} with
 * {@code pytorch_half_pixel} coordinates. The output is, by default, what the bundle's predictor gives
 * ({@link Output#PROBABILITIES}: sigmoid for one class, softmax over classes otherwise); {@link Output#LOGITS}
 * leaves the head's logits.
 *
 * <pre>{@code
 * OnnxExporter.builder().build().write(unet, Path.of("model.onnx"));
 * }</pre>
 */
public final class OnnxExporter {

    /** What the exported graph returns. */
    public enum Output {
        /** The head's raw logits, as {@link UNet}'s forward pass returns them. */
        LOGITS,
        /** Sigmoid (one class) or softmax over the class axis: the probabilities EMSym's predictor writes. */
        PROBABILITIES
    }

    /** Name of the graph's input. */
    public static final String INPUT = "x";
    /** Name of the graph's output. */
    public static final String OUTPUT = "y";

    private final Output output;

    private OnnxExporter(Builder b) {
        this.output = b.output;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Output output() {
        return output;
    }

    /** Writes {@link #toGraph(UNet)} atomically to {@code file}. */
    public Path write(UNet unet, Path file) throws IOException {
        return toGraph(unet).write(file);
    }

    /**
     * Translates the network into an ONNX graph with its current weights.
     *
     * @throws IllegalStateException when the network is not initialized
     * @throws IllegalArgumentException when its encoder is not one this exporter knows
     */
    public OnnxGraph toGraph(UNet unet) {
        Objects.requireNonNull(unet, "unet");
        if (!unet.isInitialized()) {
            throw new IllegalStateException("initialize " + unet + " before exporting it to ONNX");
        }
        Encoder encoder = unet.encoder();
        Walk w = new Walk(new OnnxGraph("emsym_unet_" + encoder.architecture()));
        w.graph.input(INPUT, unet.inChannels());
        List<String> features;
        if (encoder instanceof ResNetEncoder) {
            features = w.resnet(encoder.block(), INPUT);
        } else if (encoder instanceof MobileNetV2Encoder) {
            features = w.mobileNetV2(encoder.block(), INPUT);
        } else {
            throw new IllegalArgumentException("ONNX export knows the resnet18/34/50 and mobilenet_v2 encoders, not '"
                    + encoder.architecture() + "'");
        }
        int[] strides = encoder.featureStrides();
        int n = features.size();
        String y = features.get(n - 1);
        int[] decoder = unet.decoderChannels();
        for (int i = 0; i < decoder.length; i++) {
            int from = strides[strides.length - 1 - i];
            int to = i + 1 < strides.length ? strides[strides.length - 2 - i] : 1;
            Block block = child(unet, "decoder" + i);
            String prefix = "decoder" + i;
            if (from / to != 1) {
                y = w.resize(prefix + "/up", y, from / to, unet.upsampling());
            }
            if (i + 1 < n) {
                y = w.node("Concat", prefix + "/concat", List.of(y, features.get(n - 2 - i)), Attribute.of("axis", 1L));
            }
            y = w.relu(w.conv(prefix + "/conv1", convLayer(block, "conv1"), bnLayer(block, "bn1"), y, null));
            y = w.relu(w.conv(prefix + "/conv2", convLayer(block, "conv2"), bnLayer(block, "bn2"), y, null));
        }
        Convolution head = convLayer(unet, "head");
        int classes = unet.classes();
        if (output == Output.LOGITS) {
            w.conv(OUTPUT, head, null, y, null);
        } else {
            String logits = w.conv("head", head, null, y, null);
            if (classes == 1) {
                w.graph.node("Sigmoid", List.of(logits), OUTPUT);
            } else {
                w.graph.node("Softmax", List.of(logits), OUTPUT, Attribute.of("axis", 1L));
            }
        }
        return w.graph.output(OUTPUT, classes);
    }

    /** The graph under construction and the helpers that add layers to it. */
    private static final class Walk {
        private final OnnxGraph graph;
        private boolean clipBounds;

        Walk(OnnxGraph graph) {
            this.graph = graph;
        }

        /** torchvision ResNet trunk: conv1-bn1-relu [stride 2], maxpool 3x3/2, layer1..layer4. */
        List<String> resnet(Block trunk, String x) {
            List<String> features = new ArrayList<>();
            String f = relu(conv("encoder/conv1", convLayer(trunk, "conv1"), bnLayer(trunk, "bn1"), x, null));
            features.add(f);
            f = node("MaxPool", "encoder/maxpool", List.of(f), Attribute.ints("kernel_shape", 3, 3),
                    Attribute.ints("strides", 2, 2), Attribute.ints("pads", 1, 1, 1, 1));
            for (int stage = 1; stage <= 4; stage++) {
                for (int u = 0; hasChild(trunk, "layer" + stage + "_" + u); u++) {
                    f = residualUnit("encoder/layer" + stage + "." + u, child(trunk, "layer" + stage + "_" + u), f);
                }
                features.add(f);
            }
            return features;
        }

        /** BasicBlock or Bottleneck: conv/bn pairs with ReLU between, shortcut, sum, ReLU. */
        private String residualUnit(String prefix, Block unit, String x) {
            String y = x;
            for (int i = 1; hasChild(unit, "conv" + i); i++) {
                y = conv(prefix + "/conv" + i, convLayer(unit, "conv" + i), bnLayer(unit, "bn" + i), y, null);
                if (hasChild(unit, "conv" + (i + 1))) {
                    y = relu(y);
                }
            }
            String shortcut = hasChild(unit, "downsample0")
                    ? conv(prefix + "/downsample", convLayer(unit, "downsample0"), bnLayer(unit, "downsample1"), x, null)
                    : x;
            return relu(node("Add", prefix + "/add", List.of(y, shortcut)));
        }

        /** Keras applications MobileNetV2: Conv1, 17 inverted residuals, Conv_1; taps per FEATURE_LAYERS. */
        List<String> mobileNetV2(Block trunk, String x) {
            List<Integer> taps = new ArrayList<>();
            for (String layer : MobileNetV2Encoder.FEATURE_LAYERS) {
                if (layer.startsWith("block_") && layer.endsWith("_expand_relu")) {
                    taps.add(Integer.parseInt(layer.substring(6, layer.length() - 12)));
                } else if (!layer.equals("out_relu")) {
                    throw new IllegalArgumentException("ONNX export: unknown MobileNetV2 feature layer '" + layer + "'");
                }
            }
            List<String> features = new ArrayList<>();
            String f = relu6(conv("encoder/Conv1", convLayer(trunk, "Conv1"), bnLayer(trunk, "bn_Conv1"), x, kerasSame()));
            for (int id = 0; ; id++) {
                String name = id == 0 ? "expanded_conv" : "block_" + id;
                if (!hasChild(trunk, name)) {
                    break;
                }
                Block block = child(trunk, name);
                String p = name + "_";
                String in = f;
                String y = in;
                if (hasChild(block, p + "expand")) {
                    y = relu6(conv("encoder/" + p + "expand", convLayer(block, p + "expand"), bnLayer(block, p + "expand_BN"), y, null));
                    if (taps.contains(id)) {
                        features.add(y);
                    }
                }
                Convolution depthwise = convLayer(block, p + "depthwise");
                boolean strided = depthwise.getStride().get(0) != 1 || depthwise.getStride().get(1) != 1;
                y = relu6(conv("encoder/" + p + "depthwise", depthwise, bnLayer(block, p + "depthwise_BN"), y,
                        strided ? kerasSame() : null));
                Convolution project = convLayer(block, p + "project");
                y = conv("encoder/" + p + "project", project, bnLayer(block, p + "project_BN"), y, null);
                if (!strided && project.getFilters() == inputChannels(block, p)) { // stride 1, same channels
                    y = node("Add", "encoder/" + p + "add", List.of(y, in));
                }
                f = y;
            }
            f = relu6(conv("encoder/Conv_1", convLayer(trunk, "Conv_1"), bnLayer(trunk, "Conv_1_bn"), f, null));
            features.add(f);
            if (features.size() != MobileNetV2Encoder.FEATURE_LAYERS.size()) {
                throw new IllegalStateException("ONNX export found " + features.size() + " of the MobileNetV2 feature layers "
                        + MobileNetV2Encoder.FEATURE_LAYERS);
            }
            return features;
        }

        /** Channels entering an inverted-residual block: its expansion's (or, without one, its depthwise's) input. */
        private static long inputChannels(Block block, String p) {
            Convolution first = hasChild(block, p + "expand") ? convLayer(block, p + "expand") : convLayer(block, p + "depthwise");
            long[] s = weight(first).shape();
            return s[1] * first.getGroups();
        }

        /** TensorFlow 'same' for a 3x3 stride-2 convolution on an even side: nothing top/left, one bottom/right. */
        private static long[] kerasSame() {
            return new long[] {0, 0, 1, 1};
        }

        /**
         * A convolution with the batch norm after it (or none) folded in; {@code pads} (top, left, bottom, right)
         * replace the convolution's own symmetric padding when given (they must then be zero).
         */
        String conv(String name, Convolution conv, BatchNorm bn, String x, long[] pads) {
            NamedTensor w = weight(conv);
            long[] shape = w.shape();
            int out = (int) shape[0];
            int perOut = w.values().length / out;
            double[] scale = new double[out];
            double[] shift = new double[out];
            Arrays.fill(scale, 1);
            if (conv.isIncludeBias()) {
                float[] b = NamedParameters.read(name + "/bias", conv.getParameters().get("bias")).values();
                for (int c = 0; c < out; c++) {
                    shift[c] = b[c];
                }
            }
            if (bn != null) {
                float eps = batchNormEpsilon(bn, name);
                float[] gamma = bnParameter(bn, "gamma", name, out);
                float[] beta = bnParameter(bn, "beta", name, out);
                float[] mean = bnParameter(bn, "runningMean", name, out);
                float[] var = bnParameter(bn, "runningVar", name, out);
                for (int c = 0; c < out; c++) {
                    double s = gamma[c] / Math.sqrt((double) var[c] + eps);
                    scale[c] = s;
                    shift[c] = beta[c] + (shift[c] - mean[c]) * s;
                }
            }
            float[] folded = new float[w.values().length];
            float[] bias = new float[out];
            for (int c = 0; c < out; c++) {
                for (int i = 0; i < perOut; i++) {
                    folded[c * perOut + i] = (float) (w.values()[c * perOut + i] * scale[c]);
                }
                bias[c] = (float) shift[c];
            }
            Shape stride = conv.getStride();
            Shape padding = conv.getPadding();
            Shape dilation = conv.getDilation();
            long[] p;
            if (pads != null) {
                if (padding.get(0) != 0 || padding.get(1) != 0 || shape[2] != 3 || shape[3] != 3
                        || stride.get(0) != 2 || stride.get(1) != 2) {
                    throw new IllegalStateException("ONNX export: TensorFlow 'same' padding is written for 3x3 stride-2"
                            + " convolutions without own padding; " + name + " has kernel " + shape[2] + "x" + shape[3]
                            + ", stride " + stride + ", padding " + padding);
                }
                p = pads;
            } else {
                p = new long[] {padding.get(0), padding.get(1), padding.get(0), padding.get(1)};
            }
            graph.initializer(name + "/W", shape, folded).initializer(name + "/B", new long[] {out}, bias);
            String y = name.equals(OUTPUT) ? OUTPUT : name + "/conv";
            graph.node("Conv", List.of(x, name + "/W", name + "/B"), y,
                    Attribute.ints("kernel_shape", shape[2], shape[3]),
                    Attribute.ints("strides", stride.get(0), stride.get(1)),
                    Attribute.ints("pads", p),
                    Attribute.ints("dilations", dilation.get(0), dilation.get(1)),
                    Attribute.of("group", (long) conv.getGroups()));
            return y;
        }

        String relu(String x) {
            return node("Relu", x + "/relu", List.of(x));
        }

        String relu6(String x) {
            if (!clipBounds) {
                graph.initializer("relu6/min", new long[] {}, new float[] {0f})
                        .initializer("relu6/max", new long[] {}, new float[] {6f});
                clipBounds = true;
            }
            return node("Clip", x + "/relu6", List.of(x, "relu6/min", "relu6/max"));
        }

        /** Upsampling by an integer factor, as {@link Upsampling#resize} computes it in PyTorch. */
        String resize(String name, String x, int factor, Upsampling mode) {
            graph.initializer(name + "/scales", new long[] {4}, new float[] {1, 1, factor, factor});
            List<String> in = List.of(x, "", name + "/scales");
            return switch (mode) {
                case NEAREST -> node("Resize", name, in, Attribute.of("mode", "nearest"),
                        Attribute.of("coordinate_transformation_mode", "asymmetric"),
                        Attribute.of("nearest_mode", "floor"));
                case BILINEAR -> node("Resize", name, in, Attribute.of("mode", "linear"),
                        Attribute.of("coordinate_transformation_mode", "pytorch_half_pixel"));
            };
        }

        String node(String op, String out, List<String> in, Attribute... attributes) {
            graph.node(op, in, out, attributes);
            return out;
        }
    }

    private static NamedTensor weight(Convolution conv) {
        return NamedParameters.read("convolution weight", conv.getParameters().get("weight"));
    }

    private static float[] bnParameter(BatchNorm bn, String parameter, String layer, int channels) {
        Parameter p = bn.getParameters().get(parameter);
        float[] v = NamedParameters.read(layer + " batch norm " + parameter, p).values();
        if (v.length != channels) {
            throw new IllegalStateException("ONNX export: batch norm after " + layer + " has " + v.length + " "
                    + parameter + " values for " + channels + " channels");
        }
        return v;
    }

    /**
     * The batch norm's epsilon and, checked on the way, that it normalizes the channel axis. DJL's
     * {@link BatchNorm} has no getter for either, so they are read from its fields.
     */
    private static float batchNormEpsilon(BatchNorm bn, String layer) {
        try {
            Field axis = BatchNorm.class.getDeclaredField("axis");
            Field epsilon = BatchNorm.class.getDeclaredField("epsilon");
            axis.setAccessible(true);
            epsilon.setAccessible(true);
            if (axis.getInt(bn) != 1) {
                throw new IllegalArgumentException("ONNX export: batch norm after " + layer + " normalizes axis "
                        + axis.getInt(bn) + ", not the channel axis 1");
            }
            return epsilon.getFloat(bn);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException("ONNX export cannot read the epsilon of DJL's BatchNorm (" + layer + "): "
                    + e.getMessage(), e);
        }
    }

    private static Convolution convLayer(Block parent, String name) {
        if (child(parent, name) instanceof Convolution c) {
            return c;
        }
        throw new IllegalStateException("ONNX export: layer '" + name + "' of " + parent.getClass().getSimpleName()
                + " is not a convolution");
    }

    private static BatchNorm bnLayer(Block parent, String name) {
        if (child(parent, name) instanceof BatchNorm b) {
            return b;
        }
        throw new IllegalStateException("ONNX export: layer '" + name + "' of " + parent.getClass().getSimpleName()
                + " is not a batch norm");
    }

    private static boolean hasChild(Block parent, String name) {
        return find(parent, name) != null;
    }

    /** A child block by the name its parent gave it (DJL prefixes that with a two-digit position). */
    private static Block child(Block parent, String name) {
        Block b = find(parent, name);
        if (b == null) {
            throw new IllegalStateException("ONNX export: " + parent.getClass().getSimpleName() + " has no layer '" + name
                    + "'; its layers: " + parent.getChildren().keys());
        }
        return b;
    }

    private static Block find(Block parent, String name) {
        for (Pair<String, Block> c : parent.getChildren()) {
            String key = c.getKey();
            if (key.equals(name) || (key.length() == name.length() + 2 && key.endsWith(name)
                    && Character.isDigit(key.charAt(0)) && Character.isDigit(key.charAt(1)))) {
                return c.getValue();
            }
        }
        return null;
    }

    /** Builds an {@link OnnxExporter}. */
    public static final class Builder {
        private Output output = Output.PROBABILITIES;

        private Builder() {
        }

        /** What the graph returns (default {@link Output#PROBABILITIES}, as the bundle's predictor). */
        public Builder optOutput(Output output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        public OnnxExporter build() {
            return new OnnxExporter(this);
        }
    }
}
