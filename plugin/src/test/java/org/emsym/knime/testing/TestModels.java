package org.emsym.knime.testing;

import java.io.IOException;
import java.util.Map;

import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.Upsampling;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.emsym.knime.port.SegmentationModelPortObject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/** Small randomly initialized ResNet-18 U-Nets for node tests (no pretrained weights needed). */
public final class TestModels {

    /** Narrow decoder, so that tests stay fast. */
    public static final int[] DECODER = {16, 16, 8, 8, 4};

    private TestModels() {
    }

    /** A fresh ResNet-18 U-Net for 2k+1 channels and 2 classes, initialized under {@code manager}. */
    public static UNet resnet18(NDManager manager, int k) {
        UNet net = UNet.builder().setEncoder(ResNetEncoder.resnet18(2 * k + 1)).optDecoderChannels(DECODER)
                .optUpsampling(Upsampling.NEAREST).optClasses(2).build();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 2 * k + 1, 32, 32));
        return net;
    }

    /** A Segmentation Model port with a fresh ResNet-18 U-Net of context {@code k} and percentile normalization. */
    public static SegmentationModelPortObject port(int k) throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            UNet net = resnet18(m, k);
            ModelMetadata meta = ModelMetadata.describe(net)
                    .withNormalization(new ModelMetadata.Normalization("percentile", Map.of("low", 1.0, "high", 99.0)));
            return SegmentationModelPortObject.create(net, meta);
        }
    }

    /** The network's logits for {@code input} of shape (1, C, H, W). */
    public static float[] forward(NDManager manager, UNet net, float[] input, Shape shape) {
        NDArray x = manager.create(input, shape);
        return net.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
    }

    /** A deterministic, non-constant input of {@code n} values. */
    public static float[] input(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(i * 0.37) + (i % 7) * 0.1f;
        }
        return x;
    }
}
