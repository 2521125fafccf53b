package org.emsym.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.emsym.engine.predict.BlockwisePredictor;
import org.emsym.engine.predict.TestTimeAugmentation;
import org.emsym.engine.predict.TileModel;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.volume.NormalizationMethod;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.window.BlendMode;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.WindowSpec;

/**
 * Everything an executor needs to compute any block of one planned job, resolved once by the driver and
 * shipped with every task: where the model, input and output are, the predictor's settings, and the input
 * normalization's statistics fitted over the whole volume (so every block is normalized as the one-JVM run).
 *
 * @param model the model bundle folder
 * @param modelSha256 the bundle's recorded parameter hash: the per-JVM model cache key, so a changed bundle
 *     at the same path is loaded again
 * @param input the image (a Zarr array or NGFF group, or any format the engine reads)
 * @param level the NGFF scale level or HDF5 dataset of the input, null for the default
 * @param output the FLOAT32 Zarr array the driver created
 * @param blockZ chunks per block along z (likewise {@code blockY}, {@code blockX}), resolved to positive counts
 * @param outputClass the class whose probabilities are written, -1 for the predictor's default
 */
record BlockJob(String model, String modelSha256, String input, String level, String output, int context,
                BoundaryMode boundary, int tileHeight, int tileWidth, int overlap, BlendMode blend, int batch,
                boolean ttaXy, boolean ttaZ, int outputClass, NormalizationMethod normalization,
                double lowPercentile, double highPercentile, double offset, double scale, int blockZ, int blockY,
                int blockX) implements Serializable {

    private static final long serialVersionUID = 1L;

    Path modelPath() {
        return Path.of(model);
    }

    Path inputPath() {
        return Path.of(input);
    }

    Path outputPath() {
        return Path.of(output);
    }

    /** The normalizer fitted by the driver. */
    Normalizer normalizer() {
        return Normalizer.of(new NormalizationSpec(normalization, lowPercentile, highPercentile), offset, scale);
    }

    /** The one-JVM predictor whose result every block reproduces, over {@code model}. */
    TiledVolumePredictor predictor(TileModel tileModel, Cancellation cancellation) {
        TiledVolumePredictor.Builder b = TiledVolumePredictor.builder(tileModel, new WindowSpec(context, boundary))
                .tileSize(tileHeight, tileWidth).blend(blend).batchSize(batch)
                .augmentation(new TestTimeAugmentation(ttaXy, ttaZ)).normalizer(normalizer())
                .cancellation(cancellation);
        if (overlap >= 0) {
            b.overlap(overlap);
        }
        if (outputClass >= 0) {
            b.outputClass(outputClass);
        }
        return b.build();
    }

    BlockwisePredictor blockwise(TileModel tileModel, Cancellation cancellation) {
        return new BlockwisePredictor(predictor(tileModel, cancellation), blockZ, blockY, blockX);
    }
}
