package org.emsym.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.encoder.MobileNetV2Encoder;
import org.emsym.engine.pretrained.PretrainedModels;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.train.EpochRecord;
import org.emsym.engine.train.SegmentationTrainer;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.engine.train.TrainingData;
import org.emsym.engine.train.SegmentationTrainingResult;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.window.WindowSpec;

/**
 * Training benchmark (run by hand, not a unit test): U-Net with the pretrained MobileNetV2 encoder of
 * nsfwjs@4.4.0, first layer symmetrized UNIFORM for k = 1, trained on the CPU on ISBI 2012 sections 0-14 and
 * validated on 15-19 (membrane = label 0 is the positive class). Prints per-epoch validation Dice, the trivial
 * all-membrane Dice, and the mean time per training step.
 *
 * <p>Run by {@link Bench} (with a short budget) or alone; system properties of the stand-alone main:
 * {@code emsym.shared} (folder holding data/isbi2012, default ../shared),
 * {@code emsym.nsfwjs.dir} (converted model, default engine/target/nsfwjs), {@code bench.epochs} (10),
 * {@code bench.steps} (50), {@code bench.batch} (4), {@code bench.patch} (256), {@code bench.k} (1),
 * {@code bench.lr} (1e-3).
 */
public final class TrainingBench {

    /** The training budget and sizes. */
    record Budget(int epochs, int steps, int batch, int patch, int k, double lr) {
        static final Budget QUICK = new Budget(2, 10, 2, 128, 1, 1e-3);
        static final Budget DEFAULT = new Budget(3, 30, 4, 256, 1, 1e-3);
    }

    /**
     * @param validationDice best epoch's validation Dice (membrane positive)
     * @param allMembraneDice Dice of predicting membrane everywhere (the trivial baseline; all-cell gives 0)
     * @param stepSeconds mean time per training step (first step of each epoch left out)
     */
    record Result(Budget budget, int bestEpoch, double validationDice, double allMembraneDice, double stepSeconds,
            int timedSteps, double totalSeconds) {
    }

    private TrainingBench() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("emsym.shared", "../shared"));
        Path nsfwjs = Path.of(System.getProperty("emsym.nsfwjs.dir", "engine/target/nsfwjs"));
        String missing = missingInputs(shared, nsfwjs);
        if (missing != null) {
            System.out.println("training bench skipped: " + missing);
            return;
        }
        Budget budget = new Budget(Integer.getInteger("bench.epochs", 10), Integer.getInteger("bench.steps", 50),
                Integer.getInteger("bench.batch", 4), Integer.getInteger("bench.patch", 256),
                Integer.getInteger("bench.k", 1), Double.parseDouble(System.getProperty("bench.lr", "1e-3")));
        run(shared, nsfwjs, budget);
    }

    /** @return what is missing to run the benchmark, or null when ISBI data and the nsfwjs model are there */
    static String missingInputs(Path shared, Path nsfwjs) {
        Path isbi = shared.resolve("data/isbi2012");
        Path modelJson = nsfwjs.resolve("model.json");
        if (!Files.isDirectory(isbi.resolve("image")) || !Files.isDirectory(isbi.resolve("label"))) {
            return "needs " + isbi + "/{image,label}";
        }
        if (!Files.isRegularFile(modelJson)) {
            return "needs " + modelJson + " (built by mvn -pl engine package)";
        }
        return null;
    }

    /** Trains on ISBI 2012 sections 0-14, validates on 15-19, prints per-epoch records and the result. */
    static Result run(Path shared, Path nsfwjs, Budget budget) throws Exception {
        Path isbi = shared.resolve("data/isbi2012");
        Path modelJson = nsfwjs.resolve("model.json");
        int k = budget.k();
        int patch = budget.patch();
        Volume image = VolumeReaders.open(isbi.resolve("image"));
        Volume labels = VolumeReaders.open(isbi.resolve("label"));
        TrainingData data = TrainingData.builder(image, labels, WindowSpec.of(k)).positiveIsZero(true).build();
        SegmentationTrainingConfig config = SegmentationTrainingConfig.builder().epochs(budget.epochs()).stepsPerEpoch(budget.steps())
                .batchSize(budget.batch()).patchSize(patch).learningRate(budget.lr()).validationRange(15, 20)
                .earlyStoppingPatience(0).device("cpu").seed(1).build();

        double membraneFraction = membraneFraction(labels, 15, 20);
        double allMembraneDice = 2 * membraneFraction / (1 + membraneFraction);
        System.out.printf(Locale.ROOT, "ISBI 2012 %s, k=%d, validation sections 15-19 (membrane fraction %.3f:"
                + " all-membrane Dice %.4f, all-cell Dice 0)%n", image.shape(), k, membraneFraction, allMembraneDice);
        System.out.println(config);

        List<Long> stepNanos = new ArrayList<>();
        long[] last = {0};
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            PretrainedModels.Built built = PretrainedModels.build(manager, MobileNetV2Encoder.ARCHITECTURE, k, null,
                    PretrainedModels.read(modelJson), SymmetrizationStrategy.UNIFORM, 1);
            UNet net = built.network();
            System.out.println(built.report().toText());

            long start = System.nanoTime();
            SegmentationTrainingResult result = SegmentationTrainer.builder(config)
                    .progress((fraction, message) -> {
                        long now = System.nanoTime();
                        // the first step of each epoch also pays for the previous validation: skip it
                        if (message.startsWith("epoch") && !message.contains("step 1/") && last[0] != 0) {
                            stepNanos.add(now - last[0]);
                        }
                        last[0] = now;
                    })
                    .epochListener((model, epoch, record) -> System.out.println(record))
                    .build().fit(manager, net, data);
            double total = (System.nanoTime() - start) / 1e9;
            double meanStep = stepNanos.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e9;
            EpochRecord best = result.history().get(result.bestEpoch());
            System.out.printf(Locale.ROOT, "best epoch %d: validation Dice %.4f (loss %.4f); mean time per step"
                    + " (batch %d x %dx%d) %.2f s over %d steps; total %.0f s on %s%n", best.epoch() + 1,
                    best.validationDice(), best.validationLoss(), budget.batch(), patch, patch, meanStep,
                    stepNanos.size(), total, Device.cpu());
            return new Result(budget, best.epoch() + 1, best.validationDice(), allMembraneDice, meanStep,
                    stepNanos.size(), total);
        }
    }

    private static double membraneFraction(Volume labels, int z0, int z1) {
        long membrane = 0;
        long all = 0;
        for (float[] section : labels.readSlab(z0, z1)) {
            for (float v : section) {
                membrane += v == 0 ? 1 : 0;
                all++;
            }
        }
        return (double) membrane / all;
    }
}
