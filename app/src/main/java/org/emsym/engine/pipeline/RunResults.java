package org.emsym.engine.pipeline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.metrics.BinaryMetrics;
import org.emsym.engine.symmetry.SymmetryReport;
import org.emsym.engine.train.EpochRecord;
import org.emsym.engine.util.AtomicFiles;

/**
 * Everything a pipeline run measured, stored as {@code results.json} in its output folder, from which
 * {@link PipelineReport} renders the HTML report (so a report can be rebuilt later).
 *
 * @param title report title
 * @param data what the data was (file names or synthetic settings)
 * @param shape image shape [depth, height, width]
 * @param k window context
 * @param testSections held-out sections that were predicted, scored and attributed
 * @param membraneFraction fraction of positive (membrane) pixels in the test sections
 * @param trivial Dice of trivial predictions on the test sections, for comparison
 * @param variants one entry per symmetrization strategy
 * @param seconds wall time of the whole run
 */
public record RunResults(String title, String data, int[] shape, @SerializedName("k") int context, int[] testSections, double membraneFraction,
        List<Baseline> trivial, List<VariantResult> variants, double seconds) {

    /** Canonical name of the results file in a run folder. */
    public static final String FILE = "results.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    public RunResults {
        shape = shape.clone();
        testSections = testSections.clone();
        trivial = List.copyOf(trivial);
        variants = List.copyOf(variants);
    }

    /** A trivial prediction and its Dice on the test sections. */
    public record Baseline(String name, double dice) {
    }

    /**
     * One trained model variant.
     *
     * @param strategy symmetrization id
     * @param symmetry what symmetrization did to the first layer
     * @param history one record per epoch
     * @param epochShares per epoch, mean saliency shares of the channels on fixed validation crops (may be empty)
     * @param attribution channel shares over the attributed test windows with 95% bootstrap intervals
     * @param windows the shares of every attributed window
     * @param scores overlap scores of the thresholded prediction on the test sections
     * @param bundle model bundle folder, relative to the run folder
     * @param predictions probability stack of the test sections, relative to the run folder
     * @param figures images written for the report, relative to the run folder
     * @param trainSeconds wall time of training
     * @param predictSeconds wall time of the tiled prediction of the test sections
     * @param attributionSeconds wall time of the attribution of the test windows
     */
    public record VariantResult(String strategy, SymmetryReport symmetry, List<EpochRecord> history,
            List<double[]> epochShares, AsymmetrySummary attribution, List<WindowShares> windows, Scores scores,
            String bundle, String predictions, List<Figure> figures, double trainSeconds, double predictSeconds,
            double attributionSeconds) {

        public VariantResult {
            history = List.copyOf(history);
            epochShares = List.copyOf(epochShares);
            windows = List.copyOf(windows);
            figures = List.copyOf(figures);
        }
    }

    /** Channel shares of one attributed window crop (top-left corner y, x). */
    public record WindowShares(int z, int y, int x, double[] shares) {
    }

    /** Overlap scores of a binary prediction. */
    public record Scores(double dice, double iou, double pixelError, double precision, double recall) {

        public static Scores of(BinaryMetrics m) {
            return new Scores(m.dice(), m.iou(), m.pixelError(), m.precision(), m.recall());
        }
    }

    /**
     * An image for the report.
     *
     * @param file PNG path relative to the run folder
     * @param caption what it shows
     * @param kind {@code kernels}, {@code overlay} or {@code attribution}
     * @param section the test section shown, or -1
     */
    public record Figure(String file, String caption, String kind, int section) {
    }

    /** Writes {@code results.json} into {@code runFolder} atomically. */
    public void write(Path runFolder) throws IOException {
        AtomicFiles.write(runFolder.resolve(FILE), GSON.toJson(this).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the results of a run folder.
     *
     * @throws IOException naming the folder when it holds no readable results
     */
    public static RunResults read(Path runFolder) throws IOException {
        Path file = runFolder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a pipeline run folder (no " + FILE + ")");
        }
        try {
            RunResults r = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), RunResults.class);
            if (r == null || r.variants() == null) {
                throw new IOException(file + " holds no pipeline results");
            }
            return r;
        } catch (JsonParseException e) {
            throw new IOException(file + " is not readable: " + e.getMessage(), e);
        }
    }
}
