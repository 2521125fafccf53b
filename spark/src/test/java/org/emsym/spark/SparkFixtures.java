package org.emsym.spark;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.ZarrWriter;

/** The tests' small model bundle, input volume and Spark contexts. */
final class SparkFixtures {

    private SparkFixtures() {
    }

    /**
     * A random-weight ResNet-18 U-Net with k = 1 (its output depends on the tile's context, so a block or tile
     * seam would show) saved as a bundle with percentile normalization (fitted over the whole volume).
     */
    static Path bundle(Path dir) throws IOException {
        Path folder = dir.resolve("bundle");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            UNet net = UNet.builder().setEncoder(ResNetEncoder.resnet18(3)).optDecoderChannels(16, 16, 8, 8, 4).build();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            ModelBundle.save(folder, net, ModelMetadata.describe(net).withNormalization(NormalizationSpec.percentile()));
        }
        return folder;
    }

    /** A smooth random UINT8 volume of {@code shape}, written as an OME-Zarr group in chunks of {@code chunks}. */
    static Volume zarrInput(Path group, VolumeShape shape, int[] chunks, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] sections = new float[shape.depth()][shape.sectionSize()];
        for (int z = 0; z < shape.depth(); z++) {
            double fy = 0.05 + random.nextDouble() * 0.2;
            double fx = 0.05 + random.nextDouble() * 0.2;
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    double v = 128 + 60 * Math.sin(fy * y + z) * Math.cos(fx * x) + 40 * (random.nextDouble() - 0.5);
                    sections[z][y * shape.width() + x] = (float) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        ZarrWriter.write(new ArrayVolume(shape, PixelType.UINT8, sections), group, chunks, "zlib", 1);
        return VolumeReaders.open(group, null);
    }

    /** A local Spark context: {@code master} such as {@code local[2]} or {@code local[2,2]} (2 attempts per task). */
    static JavaSparkContext spark(String master) {
        JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster(master).setAppName("emsym-spark test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        spark.setLogLevel("WARN");
        return spark;
    }
}
