package org.emsym.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UNetTest {

    static UNet small(int inChannels, int classes, Upsampling mode) {
        return UNet.builder().setEncoder(ResNetEncoder.resnet18(inChannels)).optDecoderChannels(16, 16, 8, 8, 4)
                .optUpsampling(mode).optClasses(classes).build();
    }

    @ParameterizedTest
    @CsvSource({"0,1,BILINEAR", "1,2,NEAREST", "2,1,NEAREST", "3,3,BILINEAR"})
    void forwardGivesLogitsAtInputResolution(int k, int classes, Upsampling mode) {
        int c = 2 * k + 1;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            UNet net = small(c, classes, mode);
            Shape in = new Shape(2, c, 64, 96);
            net.initialize(m, DataType.FLOAT32, in);
            NDArray out = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)), false).singletonOrThrow();
            assertEquals(new Shape(2, classes, 64, 96), out.getShape());
            assertEquals(new Shape(2, classes, 64, 96), net.getOutputShapes(new Shape[] {in})[0]);
            assertTrue(Float.isFinite(out.sum().getFloat()));
        }
    }

    @Test
    void inputThatIsNotAMultipleOf32IsRejectedNamingTheShape() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            UNet net = small(3, 1, Upsampling.BILINEAR);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            NDArray bad = m.zeros(new Shape(1, 3, 60, 64));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.forward(new ParameterStore(m, false), new NDList(bad), false));
            assertTrue(e.getMessage().contains("(1, 3, 60, 64)"), e.getMessage());
            NDArray wrongChannels = m.zeros(new Shape(1, 5, 64, 64));
            assertThrows(IllegalArgumentException.class, () -> net.forward(new ParameterStore(m, false), new NDList(wrongChannels), false));
        }
    }

    @Test
    void decoderChannelCountMustMatchEncoderLevels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UNet.builder().setEncoder(ResNetEncoder.resnet18(3)).optDecoderChannels(16, 8).build());
        assertTrue(e.getMessage().contains("resnet18"), e.getMessage());
    }

    @Test
    void gradientsReachTheFirstConvolutionThroughBothUpsamplingModesAndFreezingStopsThem() {
        for (Upsampling mode : Upsampling.values()) {
            try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                UNet net = small(3, 1, mode);
                Shape in = new Shape(1, 3, 64, 64);
                net.initialize(m, DataType.FLOAT32, in);
                net.getParameters().values().stream()
                        .filter(p -> p.requiresGradient())
                        .forEach(p -> p.getArray().setRequiresGradient(true));
                NDArray first = net.encoder().firstConvWeight().getArray();
                NDArray x = m.randomNormal(in);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                    gc.backward(out.square().sum());
                }
                assertTrue(first.getGradient().abs().sum().getFloat() > 0, mode + ": no gradient at conv1");

                net.setEncoderFrozen(true);
                assertFalse(net.encoder().firstConvWeight().requiresGradient());
                NDArray meanBefore = ((ResNetEncoder) net.encoder()).namedParameters().get("bn1.running_mean").getArray().duplicate();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                    gc.backward(out.square().sum());
                }
                assertArrayEquals(meanBefore.toFloatArray(),
                        ((ResNetEncoder) net.encoder()).namedParameters().get("bn1.running_mean").getArray().toFloatArray(), 0f,
                        "frozen encoder must keep its batch-norm statistics");
                net.setEncoderFrozen(false);
                assertTrue(net.encoder().firstConvWeight().requiresGradient());
            }
        }
    }
}
