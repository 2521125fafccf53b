package org.emsym.spark;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.emsym.engine.volume.io.ZarrArray;
import org.emsym.engine.volume.io.ZarrFormat;
import org.emsym.engine.window.BlendMode;
import org.emsym.engine.window.BoundaryMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code emsym-spark predict}: one Spark task per block of the output. */
@Command(name = "predict", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Predict membrane probabilities block by block on Spark into a FLOAT32 Zarr array.",
            "Rerun the same command after a failure: only blocks with a missing chunk are computed."})
final class SparkPredictCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymSpark cli;

    @Option(names = {"-m", "--model"}, required = true, description = "model bundle folder (on a shared file system)")
    private Path model;

    @Option(names = {"-i", "--input"}, required = true, description = "image: Zarr array or OME-NGFF group (or .tif, .h5)")
    private Path input;

    @Option(names = "--level", description = "NGFF scale level (or HDF5 dataset) of the input; default full resolution")
    private String level;

    @Option(names = {"-o", "--output"}, required = true, description = "FLOAT32 Zarr array of probabilities")
    private Path output;

    @Option(names = "--chunks", defaultValue = "8x256x256", description = "output chunk shape ZxYxX")
    private String chunks;

    @Option(names = "--block", defaultValue = "1x0x0",
            description = "chunks per block (one task) ZxYxX; 0 = the whole axis")
    private String block;

    @Option(names = "--codec", defaultValue = "ZLIB", description = "output compressor: ${COMPLETION-CANDIDATES}")
    private ZarrArray.Codec codec;

    @Option(names = "--zarr-format", defaultValue = "2", description = "Zarr format of a new output: 2 or 3")
    private String zarrFormat;

    @Option(names = "--boundary", defaultValue = "REFLECT", description = "window completion: ${COMPLETION-CANDIDATES}")
    private BoundaryMode boundary;

    @Option(names = "--tile", defaultValue = "256", description = "tile edge in pixels (multiple of 32)")
    private int tile;

    @Option(names = "--overlap", defaultValue = "-1", description = "tile overlap in pixels (-1: tile/8)")
    private int overlap;

    @Option(names = "--blend", defaultValue = "GAUSSIAN", description = "tile blending: ${COMPLETION-CANDIDATES}")
    private BlendMode blend;

    @Option(names = "--batch", defaultValue = "4", description = "tiles per forward pass")
    private int batch;

    @Option(names = "--tta-xy", description = "test-time augmentation with xy flips")
    private boolean ttaXy;

    @Option(names = "--tta-z", description = "test-time augmentation with the z flip")
    private boolean ttaZ;

    @Option(names = "--master", description = "Spark master when not set by spark-submit (default local[*])")
    private String master;

    @Option(names = "--log-level", defaultValue = "WARN", description = "Spark's log level")
    private String logLevel;

    @Override
    public Integer call() throws Exception {
        int[] c = triple("--chunks", chunks, 1);
        int[] b = triple("--block", block, 0);
        SparkBlockPredictor job = SparkBlockPredictor.builder(model, input, output).optLevel(level)
                .optChunks(c[0], c[1], c[2]).optBlockChunks(b[0], b[1], b[2]).optCodec(codec)
                .optFormat(ZarrFormat.parse(zarrFormat)).optBoundary(boundary)
                .optTile(tile).optOverlap(overlap).optBlend(blend).optBatchSize(batch).optAugmentation(ttaXy, ttaZ)
                .optProgress((fraction, message) -> cli.err().printf(Locale.ROOT, "emsym-spark predict: %3.0f%% %s%n",
                        100 * fraction, message))
                .build();
        job.validate(); // bad paths and settings fail before Spark starts
        SparkConf conf = new SparkConf().setAppName("emsym-spark predict " + output.getFileName());
        if (!conf.contains("spark.master")) {
            conf.setMaster(master != null ? master : "local[*]");
        } else if (master != null) {
            throw new IllegalArgumentException("--master " + master + " given, but spark-submit already set "
                    + conf.get("spark.master") + "; give one of them");
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel(logLevel);
            SparkPredictionResult result = job.predict(spark);
            cli.out().println(result.toText());
        }
        return EmsymSpark.OK;
    }

    /** Parses {@code ZxYxX} with every part at least {@code min}. */
    static int[] triple(String option, String value, int min) {
        String[] parts = value.toLowerCase(Locale.ROOT).split("x");
        if (parts.length == 3) {
            try {
                int[] r = new int[3];
                for (int i = 0; i < 3; i++) {
                    r[i] = Integer.parseInt(parts[i].trim());
                    if (r[i] < min) {
                        throw new NumberFormatException();
                    }
                }
                return r;
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(option + " must be ZxYxX with integers >= " + min + ", e.g. "
                + (min == 0 ? "1x0x0" : "8x256x256") + "; got '" + value + "'");
    }
}
