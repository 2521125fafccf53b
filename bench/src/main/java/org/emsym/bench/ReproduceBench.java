package org.emsym.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.TargetRegion;
import org.emsym.engine.cli.InterruptCancellation;
import org.emsym.engine.cli.TerminalProgress;
import org.emsym.engine.reproduce.Reproduction;
import org.emsym.engine.reproduce.ReproductionConfig;
import org.emsym.engine.reproduce.ReproductionData;
import org.emsym.engine.predict.TestTimeAugmentation;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.reproduce.ReproductionResult;
import org.emsym.engine.reproduce.SeedSweep;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.synth.SynthConfig;
import org.emsym.engine.train.AugmentationConfig;
import org.emsym.engine.train.CheckpointMetric;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.engine.volume.io.VolumeReaders;

/**
 * The paper's reproduction as one command (see {@code bench/reproduce}): trains the pretrained MobileNetV2
 * U-Net with each symmetrization strategy on the same seed and budget and writes {@code results.csv},
 * {@code results.md}, {@code shares-*.png} and {@code tracking-*.csv} to the output folder.
 *
 * <p>Data: {@code repro.image} + {@code repro.labels} (any stack the readers open; {@code repro.positive=zero}
 * when label 0 is membrane; evaluation sections {@code repro.eval=start:end}) if given, else the ISBI 2012
 * sections in {@code <emsym.shared>/data/isbi2012} when present, else the synthetic default stack.
 * Settings: {@code repro.out} (target/reproduction), {@code emsym.nsfwjs.dir} (engine/target/nsfwjs),
 * {@code repro.epochs}, {@code repro.steps}, {@code repro.batch}, {@code repro.patch}, {@code repro.k},
 * {@code repro.lr}, {@code repro.seed}, {@code repro.seeds} (e.g. 1,2,3: one run per seed plus a summary), {@code repro.strategies} (none,uniform[,outer-average]),
 * {@code repro.methods} (saliency,gradient_x_input[,integrated_gradients]), {@code repro.region}
 * (whole_tile | predicted_mask), {@code repro.zflip} (false), {@code repro.track} (true), {@code repro.attribution}
 * (true; false only trains and scores), {@code repro.warmup}, {@code repro.encoderRate}, {@code repro.clip},
 * {@code repro.fg} (foreground sampling), {@code repro.select} (loss | dice | last: which epoch's weights are kept),
 * {@code repro.bce} and {@code repro.diceLoss} (loss weights), {@code repro.aug} (none | flips | default | strong),
 * {@code repro.tta} (xy | none | z | xyz: test-time augmentation of the evaluation predictions). Without
 * attribution ({@code repro.attribution=false}) each seed is trained and scored only and the summary over seeds
 * ({@code seeds.md}, paired differences of Dice, tuned Dice and Rand error) is written to {@code repro.out}.
 */
public final class ReproduceBench {

    private ReproduceBench() {
    }

    public static void main(String[] args) throws Exception {
        Path modelJson = Path.of(System.getProperty("emsym.nsfwjs.dir", "engine/target/nsfwjs"), "model.json");
        if (!Files.isRegularFile(modelJson)) {
            System.err.println("the pretrained MobileNetV2 is missing at " + modelJson
                    + ": build the engine first (mvn -pl engine -am package -DskipTests)");
            System.exit(2);
        }
        ReproductionConfig.Builder b = ReproductionConfig.builder(modelJson);
        ReproductionConfig defaults = b.build();
        b.epochs(Integer.getInteger("repro.epochs", defaults.epochs()))
                .stepsPerEpoch(Integer.getInteger("repro.steps", defaults.stepsPerEpoch()))
                .batchSize(Integer.getInteger("repro.batch", defaults.batchSize()))
                .patchSize(Integer.getInteger("repro.patch", defaults.patchSize()))
                .context(Integer.getInteger("repro.k", defaults.context()))
                .learningRate(Double.parseDouble(System.getProperty("repro.lr", String.valueOf(defaults.learningRate()))))
                .seed(Long.getLong("repro.seed", defaults.seed()))
                .zFlipAugmentation(Boolean.parseBoolean(System.getProperty("repro.zflip", "false")))
                .trackEpochs(Boolean.parseBoolean(System.getProperty("repro.track", "true")))
                .region(TargetRegion.valueOf(System.getProperty("repro.region", "whole_tile").toUpperCase(Locale.ROOT)))
                .attribution(Boolean.parseBoolean(System.getProperty("repro.attribution", "true")))
                .training(ReproduceBench::trainingLevers);
        String tta = System.getProperty("repro.tta");
        if (tta != null) {
            b.evaluationAugmentation(testTimeAugmentation(tta));
        }
        String strategies = System.getProperty("repro.strategies");
        if (strategies != null) {
            b.strategies(Arrays.stream(strategies.split(",")).map(String::strip).map(SymmetrizationStrategy::fromId).toList());
        }
        String methods = System.getProperty("repro.methods");
        if (methods != null) {
            b.methods(Arrays.stream(methods.split(",")).map(s -> AttributionMethod.valueOf(s.strip()
                    .toUpperCase(Locale.ROOT).replace('-', '_'))).toList());
        }
        ReproductionConfig config = b.build();
        ReproductionData data = data();
        Path out = Path.of(System.getProperty("repro.out", "target/reproduction"));
        System.out.println("data: " + data.description());
        System.out.println("settings: " + config);

        long cpu0 = processCpuNanos();
        Cancellation cancel = InterruptCancellation.install();
        String seeds = System.getProperty("repro.seeds");
        if (seeds == null && !config.attribution()) {
            seeds = String.valueOf(config.seed()); // a screening run always writes the summary over its seeds
        }
        if (seeds == null) {
            ReproductionResult result = run(config, data, cancel);
            report(result, result.write(out), cpu0);
            return;
        }
        // one reproduction per seed into seed-<n>/ (screening runs print their scores only), then the summary
        // over seeds beside them
        List<ReproductionResult> runs = new ArrayList<>();
        for (String seed : seeds.split(",")) {
            ReproductionConfig seeded = b.seed(Long.parseLong(seed.strip())).build();
            ReproductionResult result = run(seeded, data, cancel);
            runs.add(result);
            if (config.attribution()) {
                report(result, result.write(out.resolve("seed-" + seeded.seed())), cpu0);
            } else {
                System.out.println(result.scoresTable().toMarkdown());
            }
        }
        SeedSweep sweep = new SeedSweep(runs);
        List<Path> files = sweep.write(out);
        System.out.println(sweep.table().toMarkdown());
        files.forEach(f -> System.out.println("wrote " + f.toAbsolutePath()));
    }

    /** The training levers given as properties; the others keep the reproduction's settings. */
    private static void trainingLevers(SegmentationTrainingConfig.Builder t) {
        Integer warmup = Integer.getInteger("repro.warmup");
        if (warmup != null) {
            t.warmupSteps(warmup);
        }
        doubleProperty("repro.encoderRate").ifPresent(t::encoderRateFactor);
        doubleProperty("repro.clip").ifPresent(t::gradientClipNorm);
        doubleProperty("repro.fg").ifPresent(t::foregroundSampling);
        if (System.getProperty("repro.bce") != null || System.getProperty("repro.diceLoss") != null) {
            t.lossWeights(doubleProperty("repro.bce").orElse(SegmentationTrainingConfig.DEFAULT_BCE_WEIGHT),
                    doubleProperty("repro.diceLoss").orElse(SegmentationTrainingConfig.DEFAULT_DICE_WEIGHT));
        }
        String augmentation = System.getProperty("repro.aug");
        if (augmentation != null) {
            t.augmentation(augmentation(augmentation));
        }
        String select = System.getProperty("repro.select");
        if (select != null) {
            // loss | dice: the best epoch by that metric is restored; last: the last epoch's weights are kept
            switch (select.strip().toLowerCase(Locale.ROOT)) {
                case "loss" -> t.restoreBestWeights(true).checkpointMetric(CheckpointMetric.VALIDATION_LOSS);
                case "dice" -> t.restoreBestWeights(true).checkpointMetric(CheckpointMetric.VALIDATION_DICE);
                case "last" -> t.restoreBestWeights(false);
                default -> throw new IllegalArgumentException("repro.select must be loss, dice or last, got '"
                        + select + "'");
            }
        }
    }

    /**
     * {@code repro.aug}: none, flips (flips and 90-degree rotations only), default or strong (stronger intensity
     * jitter and more affine warps); the z-flip as repro.zflip.
     */
    private static AugmentationConfig augmentation(String name) {
        AugmentationConfig a = switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> AugmentationConfig.NONE;
            case "flips" -> new AugmentationConfig(true, true, 0, 0, 0, 0, 0, 0, 0, false);
            case "default" -> AugmentationConfig.DEFAULT;
            // three times the default intensity jitter, affine warp on half the samples
            case "strong" -> new AugmentationConfig(true, true, 0.3, 0.3, 0.6, 0.5, 15, 0.15, 0.1, false);
            default -> throw new IllegalArgumentException("repro.aug must be none, flips, default or strong, got '"
                    + name + "'");
        };
        return a.withZFlip(Boolean.parseBoolean(System.getProperty("repro.zflip", "false")));
    }

    /** {@code repro.tta}: none, xy (the tile flipped in y, in x and both), z (the window's order reversed) or xyz. */
    private static TestTimeAugmentation testTimeAugmentation(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> TestTimeAugmentation.NONE;
            case "xy" -> TestTimeAugmentation.XY_FLIPS;
            case "z" -> new TestTimeAugmentation(false, true);
            case "xyz" -> new TestTimeAugmentation(true, true);
            default -> throw new IllegalArgumentException("repro.tta must be none, xy, z or xyz, got '" + name + "'");
        };
    }

    private static java.util.Optional<Double> doubleProperty(String name) {
        String value = System.getProperty(name);
        return value == null ? java.util.Optional.empty() : java.util.Optional.of(Double.parseDouble(value.strip()));
    }

    private static ReproductionResult run(ReproductionConfig config, ReproductionData data, Cancellation cancel)
            throws IOException {
        return new Reproduction(config, TerminalProgress.onStderr(), cancel).run(data);
    }

    private static void report(ReproductionResult result, List<Path> files, long cpu0) {
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        System.out.println(result.compactTable().toMarkdown());
        System.out.printf(Locale.ROOT, "seed %d: wall %.0f s; process CPU %.0f s so far on %d available processors%n",
                result.config().seed(), result.seconds(), cpu, Runtime.getRuntime().availableProcessors());
        files.forEach(f -> System.out.println("wrote " + f.toAbsolutePath()));
    }

    private static ReproductionData data() throws Exception {
        String image = System.getProperty("repro.image");
        if (image != null) {
            String labels = System.getProperty("repro.labels");
            String eval = System.getProperty("repro.eval");
            if (labels == null || eval == null) {
                throw new IllegalArgumentException("repro.image needs repro.labels and repro.eval=start:end too");
            }
            String[] range = eval.split(":");
            return new ReproductionData(VolumeReaders.open(Path.of(image)), VolumeReaders.open(Path.of(labels)),
                    "zero".equalsIgnoreCase(System.getProperty("repro.positive", "nonzero")),
                    Integer.parseInt(range[0]), Integer.parseInt(range[1]), image + " (labels " + labels + ")");
        }
        Path isbi = Path.of(System.getProperty("emsym.shared", "../shared")).resolve("data/isbi2012");
        if (Files.isDirectory(isbi.resolve("image")) && Files.isDirectory(isbi.resolve("label"))) {
            return ReproductionData.isbi2012(isbi);
        }
        System.out.println("no ISBI 2012 sections at " + isbi + ": using the synthetic default stack");
        return ReproductionData.synthetic(SynthConfig.builder().build());
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
