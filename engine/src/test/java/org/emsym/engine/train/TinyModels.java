package org.emsym.engine.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.SplittableRandom;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;

/** Small blocks and volumes that make trainer tests fast. */
final class TinyModels {

    private TinyModels() {
    }

    /** conv3x3(4) [-> batch norm] -> relu -> conv1x1(1): (N, C, H, W) -> (N, 1, H, W) logits. */
    static Block convNet(boolean batchNorm) {
        SequentialBlock net = new SequentialBlock();
        net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4).build());
        if (batchNorm) {
            net.add(BatchNorm.builder().build());
        }
        net.add(Activation::relu);
        net.add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());
        return net;
    }

    /**
     * An 8-bit stack of smooth random blobs and labels that mark its bright half (0/1): learnable from the
     * centre section by a small conv net.
     */
    static ArrayVolume[] blobs(int depth, int height, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        VolumeShape shape = new VolumeShape(depth, height, width);
        ArrayVolume image = ArrayVolume.zeros(shape, PixelType.UINT8);
        ArrayVolume labels = ArrayVolume.zeros(shape, PixelType.UINT8);
        for (int z = 0; z < depth; z++) {
            double fy = 0.15 + 0.2 * random.nextDouble();
            double fx = 0.15 + 0.2 * random.nextDouble();
            double py = random.nextDouble() * 6;
            double px = random.nextDouble() * 6;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = Math.sin(fy * y + py) * Math.cos(fx * x + px);
                    double noise = random.nextGaussian() * 0.1;
                    image.set(z, y, x, (float) Math.round(Math.max(0, Math.min(255, 128 + 100 * (v + noise)))));
                    labels.set(z, y, x, v > 0 ? 1 : 0);
                }
            }
        }
        return new ArrayVolume[] {image, labels};
    }
}
