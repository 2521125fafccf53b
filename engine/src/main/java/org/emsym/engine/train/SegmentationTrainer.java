package org.emsym.engine.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.emsym.engine.model.UNet;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.util.EngineLock;
import org.emsym.engine.window.Patch;
import org.emsym.engine.window.PatchSampler;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Tile;
import org.emsym.engine.window.Tiler;
import org.emsym.engine.window.Window;

/**
 * Trains any DJL {@link Block} that maps {@code (N, 2k+1, H, W)} windows to {@code (N, 1, H, W)} logits on a
 * binary segmentation task, with the settings of a {@link SegmentationTrainingConfig}.
 *
 * <p>Each epoch runs {@code stepsPerEpoch} optimizer steps on random patches of the training centres, then
 * validates on all validation sections tiled by the patch size, records an {@link EpochRecord}, writes the
 * {@code best} (when the validation loss improved) and {@code last} checkpoints, and calls the
 * {@link EpochListener}. Every step runs in its own NDManager scope, so native memory stays flat.
 *
 * <p>Reproducibility: the engine is seeded from the run seed before initializing the model and before every
 * step, and patch positions and augmentations are pure functions of the seed and the step index. Hence the
 * same seed on the CPU gives the same weights, and {@link #resume} after a kill gives the weights of an
 * uninterrupted run. (Seeding the engine is process-wide; do not train two models at once in one JVM.)
 */
public final class SegmentationTrainer {

    private static final System.Logger LOG = System.getLogger(SegmentationTrainer.class.getName());
    // salts keep the augmentation and engine streams apart from the patch sampler's stream of the same seed
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long AUGMENTATION_SALT = 0xA5A55A5AC3C33C3CL;
    private static final long ENGINE_SALT = 0x5DEECE66DL;

    private final SegmentationTrainingConfig config;
    private final ProgressSink progress;
    private final Cancellation cancellation;
    private final EpochListener epochListener;
    private final Block encoder;

    private SegmentationTrainer(Builder b) {
        config = b.config;
        progress = b.progress;
        cancellation = b.cancellation;
        epochListener = b.epochListener;
        encoder = b.encoder;
    }

    public static Builder builder(SegmentationTrainingConfig config) {
        return new Builder(config);
    }

    public SegmentationTrainingConfig config() {
        return config;
    }

    /**
     * Trains from the model's current weights (initializing it first, seeded, if it is not initialized).
     *
     * @param manager owns the model's parameters; weights loaded from checkpoints are created in it
     * @throws NonFiniteLossException if a step's loss is NaN or infinite
     * @throws org.emsym.engine.progress.CanceledException if canceled; checkpoints keep the last finished epoch
     * @throws IllegalArgumentException for bad labels, an empty training split, or a model that does not
     *     take {@code 2k+1} channels or does not produce one logit map
     */
    public SegmentationTrainingResult fit(NDManager manager, Block model, TrainingData data) {
        return run(manager, model, data, false);
    }

    /**
     * Continues a run from {@code last.ckpt} in the configured checkpoint folder: weights, optimizer moments,
     * counters and history are restored, and the remaining epochs run as they would have without the
     * interruption. The configuration must equal the original one except for the epoch count, patience,
     * device and folder.
     */
    public SegmentationTrainingResult resume(NDManager manager, Block model, TrainingData data) {
        if (config.checkpointFolder().isEmpty()) {
            throw new IllegalArgumentException("resume needs a checkpointFolder in the training configuration");
        }
        return run(manager, model, data, true);
    }

    private SegmentationTrainingResult run(NDManager manager, Block model, TrainingData data, boolean resume) {
        Objects.requireNonNull(model, "model");
        attachGradients(model);
        try (EngineLock.Held held = EngineLock.acquire("training", progress, cancellation)) {
            return runExclusively(manager, model, data, resume);
        }
    }

    /**
     * Parameters loaded from a bundle are plain arrays; training needs gradients on the trainable ones (DJL
     * attaches them only when it initializes a block itself), so every caller may pass a loaded model as it is.
     */
    private static void attachGradients(Block model) {
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : model.getParameters()) {
            if (p.getValue().requiresGradient() && p.getValue().isInitialized()
                    && !p.getValue().getArray().hasGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    private SegmentationTrainingResult runExclusively(NDManager manager, Block model, TrainingData data, boolean resume) {
        if (config.freezeEncoderEpochs() > 0 && encoder == null && !(model instanceof UNet)) {
            throw new IllegalArgumentException("freezeEncoderEpochs=" + config.freezeEncoderEpochs()
                    + " needs to know the encoder: train a UNet or pass the encoder block with"
                    + " SegmentationTrainer.Builder#encoder");
        }
        Device device = config.device().resolve();
        if (!manager.getDevice().equals(device)) {
            throw new IllegalArgumentException("the model manager is on " + manager.getDevice() + " but device '"
                    + config.device() + "' resolves to " + device + "; create the manager with NDManager"
                    + ".newBaseManager(device)");
        }
        TrainingData.Prepared prepared = data.prepare();
        StackWindower windower = prepared.windower();
        ValidationSplit split = config.validationSplit(windower);
        PatchSampler.Builder samplerBuilder = PatchSampler.builder(windower.volume().shape(), split.trainingCentres())
                .patchSize(config.patchHeight(), config.patchWidth()).seed(config.seed());
        if (config.foregroundSampling() > 0) {
            samplerBuilder.foregroundBalanced(prepared.targets(), config.foregroundSampling());
        }
        PatchSampler sampler = samplerBuilder.build();
        int channels = windower.spec().channels();

        initializeIfNeeded(manager, model, channels);
        checkModelFits(manager, model, channels, windower);

        try (NDManager trainManager = manager.newSubManager();
                AdamOptimizer optimizer = new AdamOptimizer(trainManager, config.optimizer(), config.weightDecay())) {
            trainManager.setName("trainer");
            Optional<Path> folder = config.checkpointFolder();
            Optional<Path> last = folder.map(f -> f.resolve(Checkpoint.LAST));
            Optional<Path> best = folder.map(f -> f.resolve(Checkpoint.BEST));
            TrainingState state = resume ? restore(last.orElseThrow(), model, manager, optimizer)
                    : TrainingState.initial(config.resumeFingerprint(), config.model().orElse(null));
            Run run = new Run(trainManager, model, optimizer, windower, prepared, split, sampler);
            byte[] bestParameters = null;
            List<EpochRecord> history = new ArrayList<>(state.history());
            try {
                while (state.nextEpoch() < config.epochs() && !state.stoppedEarly()) {
                    int epoch = state.nextEpoch();
                    long started = System.nanoTime();
                    double trainLoss = run.trainEpoch(epoch);
                    Validation val = run.validate();
                    double rate = config.learningRateSchedule().rate((long) (epoch + 1) * config.stepsPerEpoch() - 1);
                    EpochRecord record = new EpochRecord(epoch, trainLoss, val.loss(), val.dice(), val.bestDice(),
                            val.threshold(), rate, epoch < config.freezeEncoderEpochs(),
                            (System.nanoTime() - started) / 1e9);
                    LOG.log(System.Logger.Level.INFO, record.toString());
                    boolean improved = state.bestEpoch() < 0 || score(record) < score(history.get(state.bestEpoch()));
                    history.add(record);
                    int stale = improved ? 0 : state.epochsWithoutImprovement() + 1;
                    boolean stop = config.earlyStoppingPatience() > 0 && stale >= config.earlyStoppingPatience()
                            && epoch + 1 < config.epochs();
                    state = new TrainingState(epoch + 1, (long) (epoch + 1) * config.stepsPerEpoch(), history,
                            improved ? val.loss() : state.bestValidationLoss(), improved ? epoch : state.bestEpoch(),
                            stale, stop, config.resumeFingerprint(), config.model().orElse(null));
                    byte[] parameters = Checkpoint.parameterBytes(model);
                    if (improved) {
                        bestParameters = parameters;
                    }
                    writeCheckpoints(best, last, state, parameters, improved, optimizer);
                    if (epochListener != null) {
                        epochListener.epochFinished(model, epoch, record);
                    }
                    if (stop) {
                        LOG.log(System.Logger.Level.INFO, "early stopping after epoch " + (epoch + 1) + ": validation"
                                + " loss did not improve for " + stale + " epochs");
                    }
                }
                if (config.restoreBestWeights() && state.bestEpoch() >= 0) {
                    if (bestParameters != null) {
                        Checkpoint.loadParameterBytes(model, manager, bestParameters, "best epoch");
                    } else if (best.isPresent()) {
                        loadBest(best.get(), model, manager);
                    }
                }
            } finally {
                setUNetEncoderFrozen(model, false);
            }
            double threshold = state.bestEpoch() >= 0 ? history.get(state.bestEpoch()).validationThreshold() : 0.5;
            progress.report(1, "training finished: best epoch " + (state.bestEpoch() + 1) + " by "
                    + config.checkpointMetric().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", val loss "
                    + format(state.bestValidationLoss()) + ", val Dice " + (state.bestEpoch() >= 0
                            ? format(history.get(state.bestEpoch()).validationBestDice()) : "-")
                    + " at threshold " + format(threshold));
            return new SegmentationTrainingResult(history, state.bestEpoch(), state.bestValidationLoss(), state.stoppedEarly(),
                    last, best, threshold);
        }
    }

    /**
     * A {@link UNet} without an explicit encoder block is frozen through {@link UNet#setEncoderFrozen}, which
     * also keeps the encoder's batch-norm statistics fixed.
     */
    private void setUNetEncoderFrozen(Block model, boolean frozen) {
        if (encoder == null && model instanceof UNet unet && unet.isEncoderFrozen() != frozen) {
            unet.setEncoderFrozen(frozen);
        }
    }

    private TrainingState restore(Path last, Block model, NDManager manager, AdamOptimizer optimizer) {
        try {
            // check the settings before touching the model
            CheckpointFolder.requireResumable(last.getParent(), config, config.model().orElse(null));
            return Checkpoint.restore(last, model, manager, optimizer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume: " + e.getMessage(), e);
        }
    }

    private static void loadBest(Path best, Block model, NDManager manager) {
        try {
            Checkpoint.loadParameters(best, model, manager);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the best weights: " + e.getMessage(), e);
        }
    }

    private static void writeCheckpoints(Optional<Path> best, Optional<Path> last, TrainingState state,
            byte[] parameters, boolean improved, AdamOptimizer optimizer) {
        try {
            if (improved && best.isPresent()) {
                Checkpoint.write(best.get(), state, parameters, optimizer);
            }
            if (last.isPresent()) {
                Checkpoint.write(last.get(), state, parameters, optimizer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint: " + e.getMessage(), e);
        }
    }

    /** Seeded Xavier initialization for weights without an initializer; leaves initialized models alone. */
    private void initializeIfNeeded(NDManager manager, Block model, int channels) {
        if (model.isInitialized()) {
            return;
        }
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (p.getValue().getInitializer() == null) {
                p.getValue().setInitializer(new XavierInitializer());
            }
        }
        Engine.getInstance().setRandomSeed(engineSeed(config.seed(), -1));
        Shape input = new Shape(1, channels, config.patchHeight(), config.patchWidth());
        try {
            model.initialize(manager, DataType.FLOAT32, input);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the model cannot be initialized for windows of context k="
                    + (channels - 1) / 2 + " (2k+1 = " + channels + " input channels) and input " + input + ": "
                    + e.getMessage(), e);
        }
    }

    /** A probe forward pass: the model must take 2k+1 channels and return one logit map per input. */
    private void checkModelFits(NDManager manager, Block model, int channels, StackWindower windower) {
        Shape input = new Shape(1, channels, config.patchHeight(), config.patchWidth());
        Shape output;
        try (NDManager probe = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(probe, false);
            NDList out = model.forward(store, new NDList(probe.zeros(input)), false);
            output = out.singletonOrThrow().getShape();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the model does not accept windows of context k="
                    + windower.spec().context() + " (2k+1 = " + channels + " input channels) as input " + input
                    + ": " + e.getMessage(), e);
        }
        Shape expected = new Shape(1, 1, config.patchHeight(), config.patchWidth());
        if (!output.equals(expected)) {
            throw new IllegalArgumentException("the model maps input " + input + " to " + output + ", but binary"
                    + " training needs one logit map " + expected);
        }
    }

    private double score(EpochRecord record) {
        return config.checkpointMetric().score(record.validationLoss(), record.validationBestDice());
    }

    /** The engine seed before initialization ({@code step = -1}) and before each step. */
    static int engineSeed(long seed, long step) {
        return new SplittableRandom((seed ^ ENGINE_SALT) * GOLDEN + step).nextInt() & Integer.MAX_VALUE;
    }

    private static float[] crop(float[] section, int sectionWidth, int y, int x, int h, int w) {
        float[] out = new float[h * w];
        for (int row = 0; row < h; row++) {
            System.arraycopy(section, (y + row) * sectionWidth + x, out, row * w, w);
        }
        return out;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** The per-run working objects: one epoch of steps and one validation pass. */
    private final class Run {
        private final NDManager manager;
        private final Block model;
        private final AdamOptimizer optimizer;
        private final StackWindower windower;
        private final TrainingData.Prepared data;
        private final List<Window> validationTiles = new ArrayList<>();
        private final List<float[]> validationTargets = new ArrayList<>();
        private final PatchSampler sampler;
        private final Augmentation augmentation;
        private final SegmentationLoss loss;
        private final Set<Parameter> encoderParameters;
        private final List<Pair<String, Parameter>> parameters = new ArrayList<>();

        Run(NDManager manager, Block model, AdamOptimizer optimizer, StackWindower windower,
                TrainingData.Prepared data, ValidationSplit split, PatchSampler sampler) {
            this.manager = manager;
            this.model = model;
            this.optimizer = optimizer;
            this.windower = windower;
            this.data = data;
            this.sampler = sampler;
            this.augmentation = new Augmentation(config.augmentation());
            this.loss = config.loss();
            model.getParameters().forEach(parameters::add);
            this.encoderParameters = Collections.newSetFromMap(new IdentityHashMap<>());
            Block encoderBlock = encoder != null ? encoder : model instanceof UNet unet ? unet.encoder().block() : null;
            if (encoderBlock != null) {
                encoderBlock.getParameters().forEach(p -> encoderParameters.add(p.getValue()));
            }
            if (config.encoderRateFactor() != 1 && encoderParameters.isEmpty()) {
                throw new IllegalArgumentException("encoderRateFactor=" + config.encoderRateFactor()
                        + " needs to know the encoder: train a UNet or pass the encoder block with"
                        + " SegmentationTrainer.Builder#encoder");
            }
            int h = config.patchHeight();
            int w = config.patchWidth();
            int width = windower.volume().shape().width();
            Tiler tiler = new Tiler(h, w, 0, 0);
            for (int z : split.validationCentres()) {
                float[] section = data.targets().section(z);
                for (Tile tile : tiler.tile(windower.volume().shape().height(), width).tiles()) {
                    validationTiles.add(windower.window(z, tile.y(), tile.x(), h, w));
                    validationTargets.add(crop(section, width, tile.y(), tile.x(), h, w));
                }
            }
        }

        double trainEpoch(int epoch) {
            setUNetEncoderFrozen(model, epoch < config.freezeEncoderEpochs());
            int steps = config.stepsPerEpoch();
            double sum = 0;
            for (int s = 0; s < steps; s++) {
                cancellation.check();
                long globalStep = (long) epoch * steps + s;
                float value = step(globalStep, epoch < config.freezeEncoderEpochs(), epoch, s);
                sum += value;
                double done = (globalStep + 1.0) / ((double) config.epochs() * steps);
                progress.report(done, "epoch " + (epoch + 1) + "/" + config.epochs() + ", step " + (s + 1) + "/"
                        + steps + ", loss " + format(value));
            }
            return sum / steps;
        }

        /** One optimizer step; returns its loss. */
        private float step(long globalStep, boolean encoderFrozen, int epoch, int stepInEpoch) {
            try (NDManager scope = manager.newSubManager()) {
                // results of operations on a parameter land in the parameter's manager: borrow them into the
                // step scope so that nothing a block computes from them outlives the step
                for (Pair<String, Parameter> p : parameters) {
                    scope.tempAttachAll(p.getValue().getArray());
                }
                Engine.getInstance().setRandomSeed(engineSeed(config.seed(), globalStep));
                NDList batch = batch(scope, globalStep);
                float value;
                try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                    NDArray logits = model.forward(new ParameterStore(scope, false), new NDList(batch.get(0)), true)
                            .singletonOrThrow();
                    NDArray lossValue = loss.compute(logits, batch.get(1));
                    collector.backward(lossValue);
                    value = lossValue.getFloat();
                }
                if (!Float.isFinite(value)) {
                    throw new NonFiniteLossException(epoch + 1, stepInEpoch + 1, config.epochs(),
                            config.stepsPerEpoch(), value);
                }
                double rate = config.learningRateSchedule().rate(globalStep);
                List<Pair<String, Parameter>> updated = new ArrayList<>(parameters.size());
                List<NDArray> gradients = new ArrayList<>(parameters.size());
                List<NDArray> all = new ArrayList<>(parameters.size());
                for (Pair<String, Parameter> p : parameters) {
                    Parameter parameter = p.getValue();
                    if (!parameter.requiresGradient()) {
                        continue;
                    }
                    NDArray gradient = parameter.getArray().getGradient();
                    if (gradient == null) {
                        continue;
                    }
                    gradient.attach(scope);
                    all.add(gradient);
                    if (!(encoderFrozen && encoderParameters.contains(parameter))) {
                        updated.add(p);
                        gradients.add(gradient);
                    }
                }
                clip(scope, gradients);
                for (int i = 0; i < updated.size(); i++) {
                    Parameter parameter = updated.get(i).getValue();
                    double own = encoderParameters.contains(parameter) ? rate * config.encoderRateFactor() : rate;
                    optimizer.update(updated.get(i).getKey(), parameter.getArray(), gradients.get(i), own,
                            parameter.getType() == Parameter.Type.WEIGHT);
                }
                for (NDArray gradient : all) {
                    gradient.subi(gradient);
                }
                return value;
            }
        }

        /**
         * Scales the gradients down in place so that their global L2 norm is at most
         * {@link SegmentationTrainingConfig#gradientClipNorm()} (as {@code torch.nn.utils.clip_grad_norm_}).
         */
        private void clip(NDManager scope, List<NDArray> gradients) {
            double limit = config.gradientClipNorm();
            if (limit <= 0 || gradients.isEmpty()) {
                return;
            }
            NDArray squares = null;
            for (NDArray g : gradients) {
                NDArray s = g.square().sum();
                squares = squares == null ? s : squares.addi(s);
            }
            double norm = Math.sqrt(squares.getFloat());
            if (norm > limit) {
                float factor = (float) (limit / (norm + 1e-6));
                for (NDArray g : gradients) {
                    g.muli(factor);
                }
            }
        }

        /** Images {@code (B, C, H, W)} and targets {@code (B, 1, H, W)} of step {@code globalStep}. */
        private NDList batch(NDManager scope, long globalStep) {
            int b = config.batchSize();
            int h = config.patchHeight();
            int w = config.patchWidth();
            int c = windower.spec().channels();
            int plane = h * w;
            float[] images = new float[b * c * plane];
            float[] targets = new float[b * plane];
            int width = windower.volume().shape().width();
            for (int i = 0; i < b; i++) {
                long index = globalStep * b + i;
                Patch patch = sampler.patch(index);
                Window window = windower.window(patch.z(), patch.y(), patch.x(), h, w);
                float[] target = crop(data.targets().section(patch.z()), width, patch.y(), patch.x(),
                        h, w);
                TrainingSample sample = augmentation.apply(new TrainingSample(h, w, window.channels(), target),
                        new SplittableRandom((config.seed() ^ AUGMENTATION_SALT) * GOLDEN + index));
                for (int ch = 0; ch < c; ch++) {
                    System.arraycopy(sample.channels()[ch], 0, images, (i * c + ch) * plane, plane);
                }
                System.arraycopy(sample.target(), 0, targets, i * plane, plane);
            }
            return new NDList(scope.create(images, new Shape(b, c, h, w)),
                    scope.create(targets, new Shape(b, 1, h, w)));
        }

        Validation validate() {
            int b = config.batchSize();
            int h = config.patchHeight();
            int w = config.patchWidth();
            int c = windower.spec().channels();
            int plane = h * w;
            double bceSum = 0;
            ThresholdHistogram histogram = new ThresholdHistogram();
            double overlap = 0;
            double predicted = 0;
            double actual = 0;
            long tp = 0;
            long fp = 0;
            long fn = 0;
            long pixels = 0;
            for (int start = 0; start < validationTiles.size(); start += b) {
                cancellation.check();
                int n = Math.min(b, validationTiles.size() - start);
                float[] images = new float[n * c * plane];
                float[] targets = new float[n * plane];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(validationTiles.get(start + i).toChw(), 0, images, i * c * plane, c * plane);
                    System.arraycopy(validationTargets.get(start + i), 0, targets, i * plane, plane);
                }
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.create(images, new Shape(n, c, h, w));
                    NDArray y = scope.create(targets, new Shape(n, 1, h, w));
                    NDArray logits = model.forward(new ParameterStore(scope, false), new NDList(x), false)
                            .singletonOrThrow();
                    bceSum += SegmentationLoss.binaryCrossEntropy(logits, y).getFloat() * (double) (n * plane);
                    NDArray p = Activation.sigmoid(logits);
                    overlap += p.mul(y).sum().getFloat();
                    predicted += p.sum().getFloat();
                    actual += y.sum().getFloat();
                    NDArray hard = logits.gt(0);
                    NDArray truth = y.gt(0.5f);
                    tp += hard.logicalAnd(truth).sum().getLong();
                    fp += hard.logicalAnd(truth.logicalNot()).sum().getLong();
                    fn += hard.logicalNot().logicalAnd(truth).sum().getLong();
                    histogram.add(p.toFloatArray(), targets);
                }
                pixels += (long) n * plane;
            }
            double softDiceLoss = 1 - (2 * overlap + SegmentationLoss.DICE_SMOOTH)
                    / (predicted + actual + SegmentationLoss.DICE_SMOOTH);
            SegmentationLoss weights = config.loss();
            double value = weights.bceWeight() * bceSum / pixels + weights.diceWeight() * softDiceLoss;
            double dice = tp + fp + fn == 0 ? 1 : 2.0 * tp / (2.0 * tp + fp + fn);
            ThresholdHistogram.Best best = histogram.best();
            return new Validation(value, dice, best.dice(), best.threshold());
        }
    }

    private record Validation(double loss, double dice, double bestDice, double threshold) {
    }

    /** Configures a {@link SegmentationTrainer}. */
    public static final class Builder {
        private final SegmentationTrainingConfig config;
        private ProgressSink progress = ProgressSink.NONE;
        private Cancellation cancellation = Cancellation.NEVER;
        private EpochListener epochListener;
        private Block encoder;

        private Builder(SegmentationTrainingConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Receives "epoch e/E, step s/S, loss x" once per step. */
        public Builder progress(ProgressSink sink) {
            progress = Objects.requireNonNull(sink, "progress");
            return this;
        }

        /** Checked before every step and validation batch. */
        public Builder cancellation(Cancellation value) {
            cancellation = Objects.requireNonNull(value, "cancellation");
            return this;
        }

        public Builder epochListener(EpochListener listener) {
            epochListener = listener;
            return this;
        }

        /** The encoder part of the model, whose parameters stay fixed for {@code freezeEncoderEpochs}. */
        public Builder encoder(Block value) {
            encoder = value;
            return this;
        }

        public SegmentationTrainer build() {
            return new SegmentationTrainer(this);
        }
    }
}
