package org.emsym.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.emsym.engine.interop.ImportedModel;
import org.emsym.engine.interop.onnx.OnnxExporter;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.OutputActivation;
import org.emsym.engine.predict.TileModel;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;

/**
 * CPU inference engines (issue 15): the same ResNet-18 U-Net (k = 1, random weights) predicts the same noise
 * stack tile by tile (256 x 256 tiles, overlap 32, batch 4) once on DJL's PyTorch engine and once exported to ONNX
 * ({@link OnnxExporter}) on ONNX Runtime, with the same number of intra-op threads; rounds alternate between the
 * two, the medians are compared. The outputs' max abs difference is reported too (the export's parity).
 */
final class EngineBench {

    /** median ONNX Runtime s, median PyTorch s, max abs difference of the probabilities, tiles per run. */
    record Result(double onnxSeconds, double torchSeconds, double maxDiff, long tiles) {
        double ratio() {
            return onnxSeconds / torchSeconds;
        }
    }

    private EngineBench() {
    }

    static Result run(VolumeShape shape, int threads, int rounds) throws IOException {
        Volume image = new SyntheticSections(shape);
        Path dir = Files.createTempDirectory("emsym-bench-onnx-");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            UNet net = UNet.builder().setEncoder(ResNetEncoder.resnet18(3)).build();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, PredictionBench.TILE, PredictionBench.TILE));
            Path file = OnnxExporter.builder().build().write(net, dir.resolve("unet-r18.onnx"));
            try (BlockTileModel torch = BlockTileModel.builder(net).manager(manager).classes(1).source("U-Net R18 PyTorch")
                    .build();
                    BlockTileModel onnx = ImportedModel.onnx(file).activation(OutputActivation.NONE).threads(threads)
                            .load()) {
                float[][] a = predict(torch, image); // warm-up of both, and the parity figure
                float[][] b = predict(onnx, image);
                double diff = 0;
                for (int z = 0; z < a.length; z++) {
                    for (int i = 0; i < a[z].length; i++) {
                        diff = Math.max(diff, Math.abs(a[z][i] - b[z][i]));
                    }
                }
                double[] onnxRuns = new double[rounds];
                double[] torchRuns = new double[rounds];
                long tiles = 0;
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    predict(torch, image);
                    torchRuns[r] = (System.nanoTime() - t0) / 1e9;
                    t0 = System.nanoTime();
                    TiledVolumePredictor p = PredictionBench.predictor(onnx);
                    p.probabilities(image).readSlab(0, shape.depth());
                    onnxRuns[r] = (System.nanoTime() - t0) / 1e9;
                    tiles = p.counters().tiles();
                    System.out.printf(Locale.ROOT, "engines round %d: PyTorch %.2f s, ONNX Runtime %.2f s (%d tiles)%n",
                            r + 1, torchRuns[r], onnxRuns[r], tiles);
                }
                return new Result(PredictionBench.median(onnxRuns), PredictionBench.median(torchRuns), diff, tiles);
            }
        } finally {
            AtomicFiles.deleteRecursively(dir);
        }
    }

    private static float[][] predict(TileModel model, Volume image) {
        return PredictionBench.predictor(model).probabilities(image).readSlab(0, image.shape().depth());
    }
}
