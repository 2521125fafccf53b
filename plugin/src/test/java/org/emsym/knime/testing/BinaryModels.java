package org.emsym.knime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.Upsampling;
import org.emsym.engine.model.encoder.MobileNetV2Encoder;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * One-logit (binary) U-Nets and crops of the committed synthetic EM stack, for the learner and predictor
 * tests.
 */
public final class BinaryModels {

    /** The repository's synthetic test stack (16 x 128 x 128, uint8), relative to the plugin module. */
    public static final Path SYNTHETIC = Path.of("..", "test-data", "synthetic-small");

    private BinaryModels() {
    }

    /**
     * A fresh MobileNetV2 U-Net (random weights, engine seeded) with one output logit and context {@code k}; the
     * smallest registered encoder, which keeps training tests fast.
     */
    public static SegmentationModelPortObject port(int k) throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            m.getEngine().setRandomSeed(7);
            UNet net = UNet.builder().setEncoder(new MobileNetV2Encoder(2 * k + 1))
                    .optDecoderChannels(TestModels.DECODER).optUpsampling(Upsampling.NEAREST).optClasses(1).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 2 * k + 1, 32, 32));
            return SegmentationModelPortObject.create(net, ModelMetadata.describe(net));
        }
    }

    /** Sections {@code [0, depth)} of a committed synthetic stack, cropped to {@code size x size} at the origin. */
    public static VolumePortObject synthetic(String file, int depth, int size) throws IOException {
        Path path = SYNTHETIC.resolve(file);
        if (!Files.exists(path)) {
            throw new IllegalStateException("missing test data " + path.toAbsolutePath());
        }
        Volume full = VolumeReaders.open(path);
        float[][] sections = new float[depth][];
        for (int z = 0; z < depth; z++) {
            float[] section = full.readSection(z);
            float[] crop = new float[size * size];
            for (int y = 0; y < size; y++) {
                System.arraycopy(section, y * full.shape().width(), crop, y * size, size);
            }
            sections[z] = crop;
        }
        VolumeShape shape = new VolumeShape(depth, size, size);
        ArrayVolume v = new ArrayVolume(shape, full.pixelType(), full.voxelSize(), sections, file + " crop");
        return new VolumePortObject(new VolumePortObjectSpec(shape, v.pixelType(), v.voxelSize(),
                NormalizationSpec.none(), java.util.List.of("test: " + file + " crop")), v);
    }

    /** The same volume with its sections in reverse order. */
    public static VolumePortObject reversed(VolumePortObject in) {
        Volume v = in.getVolume();
        int depth = v.shape().depth();
        float[][] sections = new float[depth][];
        for (int z = 0; z < depth; z++) {
            sections[z] = v.readSection(depth - 1 - z);
        }
        ArrayVolume r = new ArrayVolume(v.shape(), v.pixelType(), v.voxelSize(), sections, v.source() + " reversed");
        return new VolumePortObject(in.getSpec().withStep("reversed"), r);
    }

    /**
     * A FLOAT32 copy of {@code in} whose section {@code z} holds {@code count} NaN values (from its first pixel),
     * as a float stack with a NaN patch reaches a node; its source is {@code source}.
     */
    public static VolumePortObject withNaN(VolumePortObject in, int z, int count, String source) {
        Volume v = in.getVolume();
        float[][] sections = v.readSlab(0, v.shape().depth());
        java.util.Arrays.fill(sections[z], 0, count, Float.NaN);
        ArrayVolume nan = new ArrayVolume(v.shape(), PixelType.FLOAT32, v.voxelSize(), sections, source);
        return new VolumePortObject(new VolumePortObjectSpec(v.shape(), PixelType.FLOAT32, v.voxelSize(),
                in.getSpec().getNormalization(), java.util.List.of("test: " + source)), nan);
    }

    /**
     * Asserts that a node refused a volume with non-finite values with the engine's message: the source, the
     * section and the count.
     */
    public static void assertNonFiniteRefused(Exception e, String source, int z, int count) {
        String message = String.valueOf(e.getMessage());
        String expected = source + ": section " + z + " holds " + count + " non-finite values";
        if (!message.contains(expected)) {
            throw new AssertionError("expected a message containing '" + expected + "', got " + e, e);
        }
    }
}
