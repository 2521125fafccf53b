package org.emsym.engine.cli;

import org.emsym.engine.volume.NormalizationSpec;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.train.CheckpointFolder;
import org.emsym.engine.train.ModelIdentity;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.pretrained.PretrainedModels;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.train.EpochRecord;
import org.emsym.engine.train.SegmentationTrainer;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.engine.train.TrainingData;
import org.emsym.engine.train.SegmentationTrainingResult;
import org.emsym.engine.train.TrainingWarnings;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.WindowSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code emsym train}: fine-tunes the pretrained U-Net on a labelled stack and saves a model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Train the U-Net (pretrained encoder, first layer symmetrized) on an image stack with binary"
            + " membrane labels; checkpoints after every epoch; Ctrl-C stops at the next step and keeps them."})
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymCli cli;

    @Mixin
    private PretrainedOptions model;

    @Mixin
    private ImageOptions input;

    @Mixin
    private LabelOptions truth;


    @Option(names = "--normalization", defaultValue = "type-max",
            description = "input scaling, recorded in the bundle: type-max (divide by the type's maximum) or"
                + " percentile (1 .. 99.8 % of the stack onto 0..1, e.g. for 12-bit data in uint16)")
    private String normalization;

    @Option(names = "--boundary", defaultValue = "REFLECT", description = "window completion: ${COMPLETION-CANDIDATES}")
    private BoundaryMode boundary;

    @Option(names = {"-s", "--strategy"}, defaultValue = "uniform", description = "none, uniform or outer-average")
    private String strategy;

    @Option(names = "--epochs", defaultValue = "" + SegmentationTrainingConfig.DEFAULT_EPOCHS, description = "training epochs")
    private int epochs;

    @Option(names = "--steps", defaultValue = "" + SegmentationTrainingConfig.DEFAULT_STEPS_PER_EPOCH,
            description = "optimizer steps per epoch")
    private int steps;

    @Option(names = "--batch", defaultValue = "" + SegmentationTrainingConfig.DEFAULT_BATCH_SIZE, description = "patches per step")
    private int batch;

    @Option(names = "--patch", defaultValue = "" + SegmentationTrainingConfig.DEFAULT_PATCH_SIZE,
            description = "patch edge in pixels (multiple of 32)")
    private int patch;

    @Option(names = "--lr", defaultValue = "" + SegmentationTrainingConfig.DEFAULT_LEARNING_RATE,
            description = "AdamW learning rate (cosine schedule)")
    private double learningRate;

    @Option(names = "--validation-fraction", defaultValue = "" + SegmentationTrainingConfig.DEFAULT_VALIDATION_FRACTION,
            description = "last sections used for validation")
    private double validationFraction;

    @Option(names = "--patience", defaultValue = "" + SegmentationTrainingConfig.DEFAULT_EARLY_STOPPING_PATIENCE,
            description = "early-stopping patience in epochs (0 = off)")
    private int patience;

    @Option(names = "--freeze-encoder-epochs", defaultValue = "" + SegmentationTrainingConfig.DEFAULT_FREEZE_ENCODER_EPOCHS,
            description = "first epochs with a frozen encoder")
    private int freezeEncoderEpochs;

    @Option(names = "--z-flip", negatable = true, defaultValue = "" + SegmentationTrainingConfig.DEFAULT_Z_FLIP,
            fallbackValue = "true", description = "z-flip (channel reversal) augmentation")
    private boolean zFlip;

    @Option(names = "--seed", defaultValue = "" + SegmentationTrainingConfig.DEFAULT_SEED,
            description = "seed of initialization, sampling and augmentation")
    private long seed;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N")
    private String device;

    @Option(names = {"-o", "--out"}, required = true, description = "model bundle folder to write")
    private Path out;

    @Option(names = "--checkpoints", description = "checkpoint folder (default: <out>.checkpoints)")
    private Path checkpoints;

    @Option(names = "--resume", description = "continue from <checkpoints>/last.ckpt")
    private boolean resume;

    @Option(names = "--overwrite", description = "replace an existing model bundle at --out and an earlier run's checkpoints")
    private boolean overwrite;

    /** The training settings the options give, before the checkpoint folder and model identity are added. */
    SegmentationTrainingConfig.Builder trainingSettings() {
        return SegmentationTrainingConfig.builder().epochs(epochs).stepsPerEpoch(steps).batchSize(batch)
                .patchSize(patch).learningRate(learningRate).validationFraction(validationFraction)
                .earlyStoppingPatience(patience).freezeEncoderEpochs(freezeEncoderEpochs).zFlip(zFlip).seed(seed)
                .device(device);
    }

    @Override
    public Integer call() throws Exception {
        ModelBundle.checkOutput(out, overwrite);
        OutputPaths.requireDistinct(out, "--out", input.image, "--image");
        OutputPaths.requireDistinct(out, "--out", truth.labels, "--labels");
        SymmetrizationStrategy s = SymmetrizationStrategy.fromId(strategy);
        NormalizationSpec scaling = normalization();
        Path folder = checkpoints != null ? checkpoints : out.resolveSibling(out.getFileName() + ".checkpoints");
        OutputPaths.requireWritableFolder(folder, "--checkpoints");
        var weights = PretrainedModels.read(model.weights);
        ModelIdentity identity = new ModelIdentity(model.encoder, model.k, ModelIdentity.decoderText(model.decoder),
                s.id(), weights.sha256());
        SegmentationTrainingConfig config;
        try {
            config = trainingSettings().checkpointFolder(folder).model(identity).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(withOptionName(e.getMessage()), e);
        }
        if (resume) {
            CheckpointFolder.requireResumable(folder, config, identity);
        } else if (CheckpointFolder.holdsCheckpoints(folder) && !overwrite) {
            throw new IllegalArgumentException(folder + " holds checkpoints of an earlier run; add --resume to continue"
                    + " it, or --overwrite to start again and replace them");
        }
        Volume imageVolume = input.open();
        Volume labelVolume = truth.open();
        TrainingData data = TrainingData.builder(imageVolume, labelVolume, new WindowSpec(model.k, boundary))
                .positiveIsZero(truth.positiveIsZero).normalization(scaling).build();
        for (TrainingWarnings.Warning w : TrainingWarnings.of(data, scaling)) {
            cli.err().println("warning: " + w.message() + hint(w.kind()));
        }
        try (NDManager manager = NDManager.newBaseManager(config.device().resolve())) {
            PretrainedModels.Built built = PretrainedModels.build(manager, model.encoder, model.k, model.decoder, weights,
                    s, seed);
            int multiple = built.network().sizeMultiple();
            if ((long) batch * (patch / multiple) * (patch / multiple) < 2) {
                throw new IllegalArgumentException("--patch " + patch + " with --batch " + batch + " leaves one value per"
                        + " channel at the " + (patch / multiple) + "x" + (patch / multiple) + " bottleneck, which batch"
                        + " normalization cannot train on; use --batch 2 or more, or --patch " + 2 * multiple + " or more");
            }
            cli.err().println(built.report().summary());
            SegmentationTrainer trainer = SegmentationTrainer.builder(config).progress(cli.progress()).cancellation(cli.cancellation())
                    .epochListener((m, epoch, record) -> cli.out().println(record)).build();
            SegmentationTrainingResult result = resume ? trainer.resume(manager, built.network(), data)
                    : trainer.fit(manager, built.network(), data);
            ModelMetadata metadata = EpochRecord.appendTo(built.metadata().withNormalization(scaling),
                    result.history());
            ModelBundle.save(out, built.network(), metadata);
            EpochRecord best = result.history().get(result.bestEpoch());
            cli.out().println("saved model bundle " + out + " (best epoch " + (best.epoch() + 1) + ", validation Dice "
                    + String.format(java.util.Locale.ROOT, "%.4f", best.validationDice()) + ")"
                    + (result.stoppedEarly() ? "; stopped early after epoch " + result.history().size() : "")
                    + "; checkpoints in " + folder);
        }
        return EmsymCli.OK;
    }

    private NormalizationSpec normalization() {
        return switch (normalization) {
            case "type-max" -> NormalizationSpec.typeMax();
            case "percentile" -> NormalizationSpec.percentile();
            default -> throw new IllegalArgumentException("--normalization: unknown value '" + normalization
                    + "'; expected type-max or percentile");
        };
    }

    /** What the user of this command changes for a warning of {@code kind}. */
    private String hint(TrainingWarnings.Kind kind) {
        return switch (kind) {
            case MOSTLY_FOREGROUND -> truth.positiveIsZero ? "; if they mark membrane with non-zero values, drop"
                    + " --positive-is-zero" : "; if they mark membrane with 0, add --positive-is-zero";
            case NO_FOREGROUND, NO_BACKGROUND -> "; check --labels" + (truth.positiveIsZero ? " and --positive-is-zero" : "");
            case SMALL_VALUE_RANGE -> ": add --normalization percentile";
        };
    }

    /** The option of each {@link SegmentationTrainingConfig} setting this command sets, by the name its messages use. */
    private static final java.util.Map<String, String> OPTIONS = java.util.Map.of("epochs", "--epochs",
            "stepsPerEpoch", "--steps", "batchSize", "--batch", "patchHeight", "--patch", "patchWidth", "--patch",
            "learningRate", "--lr", "validationFraction", "--validation-fraction", "earlyStoppingPatience",
            "--patience", "freezeEncoderEpochs", "--freeze-encoder-epochs");

    /** {@code message} with a leading setting name replaced by the option a user typed. */
    static String withOptionName(String message) {
        int space = message.indexOf(' ');
        String option = space < 0 ? null : OPTIONS.get(message.substring(0, space));
        return option == null ? message : option + message.substring(space);
    }
}
