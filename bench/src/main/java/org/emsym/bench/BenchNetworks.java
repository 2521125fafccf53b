package org.emsym.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import java.util.SplittableRandom;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.resnet.ResNetEncoder;

/** The networks and inputs the benchmarks share. */
final class BenchNetworks {

    private BenchNetworks() {
    }

    /** The project's U-Net with a ResNet-18 encoder (default decoder 256-128-64-32-16), initialized, seeded. */
    static UNet resnet18UNet(NDManager manager, int inChannels, int size) {
        UNet net = UNet.builder().setEncoder(ResNetEncoder.resnet18(inChannels)).build();
        net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        Engine.getInstance().setRandomSeed(1);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, inChannels, size, size));
        return net;
    }

    /** {@code n} uniform values in [0, 1) from a fixed seed. */
    static float[] uniform(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble();
        }
        return values;
    }
}
