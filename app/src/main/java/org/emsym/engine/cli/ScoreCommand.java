package org.emsym.engine.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.emsym.engine.metrics.BinaryMetrics;
import org.emsym.engine.metrics.ConnectedComponents;
import org.emsym.engine.metrics.ConnectedComponents.Connectivity2D;
import org.emsym.engine.metrics.InstanceMetrics;
import org.emsym.engine.metrics.InstanceMetrics.RandScores;
import org.emsym.engine.metrics.InstanceMetrics.VariationOfInformation;
import org.emsym.engine.report.Table;
import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.volume.FiniteVolume;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.Volumes;
import org.emsym.engine.volume.io.VolumeReaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code emsym score}: overlap scores of a prediction against ground truth, and the ISBI 2012 challenge's
 * instance scores (adapted Rand error, split/merge variation of information) of the objects both delimit.
 *
 * <p>Objects are the 4-connected components of each section (2-D, as in the challenge): of the scored class,
 * or, with {@code --positive-is-zero} (the scored class is the membrane), of the region outside it. The instance
 * scores are averaged over sections.
 */
@Command(name = "score", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Score a predicted probability or mask stack against binary ground truth (Dice, IoU, pixel error,"
                + " adapted Rand error, variation of information split/merge).")
final class ScoreCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymCli cli;

    @Option(names = {"-p", "--prediction"}, required = true, description = "probabilities or mask (.tif, folder, .h5)")
    private Path prediction;

    @Option(names = "--prediction-dataset", description = "dataset inside an .h5 prediction")
    private String predictionDataset;

    @Option(names = {"-t", "--truth"}, required = true, description = "binary ground truth (0/1 or 0/255)")
    private Path truth;

    @Option(names = "--truth-dataset", description = "dataset inside an .h5 ground truth")
    private String truthDataset;

    @Option(names = "--threshold", defaultValue = "0.5", description = "prediction foreground where value > threshold"
            + " (use 127 for 0/255 masks)")
    private double threshold;

    @Option(names = "--positive-is-zero", description = "truth label 0 is the scored class (ISBI 2012 membranes)")
    private boolean positiveIsZero;

    @Option(names = "--csv", description = "write the scores as CSV")
    private Path csv;

    @Override
    public Integer call() throws Exception {
        if (csv != null) {
            OutputPaths.requireDistinct(csv, "--csv", prediction, "--prediction");
            OutputPaths.requireDistinct(csv, "--csv", truth, "--truth");
            OutputPaths.requireWritableFile(csv, "--csv");
        }
        // as stored: the sections a SKIP-boundary prediction leaves without a window are NaN by design
        Volume p = VolumeReaders.openAsStored(prediction, predictionDataset);
        Volume t = VolumeReaders.open(truth, truthDataset);
        Volumes.requireSameShape(p, t);
        BinaryMetrics sum = BinaryMetrics.EMPTY;
        org.emsym.engine.volume.BinaryLabels binary = new org.emsym.engine.volume.BinaryLabels(
                "ground truth " + t.source(), t.shape().width());
        int depth = p.shape().depth();
        double randError = 0;
        double voiSplit = 0;
        double voiMerge = 0;
        List<Integer> unpredicted = new ArrayList<>();
        for (int z = 0; z < depth; z++) {
            cli.cancellation().check();
            float[] truthSection = t.readSlab(z, z + 1)[0];
            binary.check(z, truthSection);
            if (positiveIsZero) {
                for (int i = 0; i < truthSection.length; i++) {
                    truthSection[i] = truthSection[i] == 0 ? 1 : 0;
                }
            }
            float[] predictionSection = p.readSlab(z, z + 1)[0];
            if (!FiniteVolume.checkPrediction(predictionSection, z, p.source())) {
                unpredicted.add(z);
                continue;
            }
            sum = sum.plus(BinaryMetrics.of(predictionSection, threshold, truthSection, 0.5));
            int[] proposal = objects(predictionSection, threshold, p.shape().height(), p.shape().width());
            int[] truthObjects = objects(truthSection, 0.5, p.shape().height(), p.shape().width());
            RandScores rand = InstanceMetrics.adaptedRand(proposal, truthObjects);
            VariationOfInformation voi = InstanceMetrics.variationOfInformation(proposal, truthObjects);
            randError += rand.error();
            voiSplit += voi.split();
            voiMerge += voi.merge();
        }
        int scored = depth - unpredicted.size();
        if (scored == 0) {
            throw new IllegalArgumentException(prediction + ": no section holds a prediction (all are NaN)");
        }
        if (!unpredicted.isEmpty()) {
            cli.err().println("score: " + unpredicted.size() + " section" + (unpredicted.size() == 1 ? "" : "s")
                    + " of " + prediction + " hold no prediction (NaN everywhere, as predict --boundary SKIP writes"
                    + " the first and last k) and are not scored: " + unpredicted);
        }
        randError /= scored;
        voiSplit /= scored;
        voiMerge /= scored;
        Table table = new Table("dice", "iou", "pixel_error", "precision", "recall", "tp", "fp", "fn", "tn",
                "rand_error", "voi_split", "voi_merge");
        table.add(f(sum.dice()), f(sum.iou()), f(sum.pixelError()), f(sum.precision()), f(sum.recall()),
                sum.truePositives(), sum.falsePositives(), sum.falseNegatives(), sum.trueNegatives(),
                f(randError), f(voiSplit), f(voiMerge));
        cli.out().print(table.toMarkdown());
        if (csv != null) {
            AtomicFiles.write(csv, table.toCsv().getBytes(StandardCharsets.UTF_8));
        }
        return EmsymCli.OK;
    }

    /**
     * Object labels (0 = background) of one section: 4-connected components of values above {@code level}, or
     * of values at or below it when the scored class is the membrane ({@code --positive-is-zero}).
     */
    private int[] objects(float[] section, double level, int height, int width) {
        float[] mask = new float[section.length];
        for (int i = 0; i < section.length; i++) {
            boolean scored = section[i] > level;
            mask[i] = scored != positiveIsZero ? 1 : 0;
        }
        return ConnectedComponents.label2d(mask, 0.5, height, width, Connectivity2D.FOUR).section(0);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
