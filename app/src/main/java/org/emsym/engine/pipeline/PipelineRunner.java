package org.emsym.engine.pipeline;

import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Normalizer;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.attribution.AttributionConfig;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.AttributionResult;
import org.emsym.engine.attribution.ChannelShares;
import org.emsym.engine.attribution.GradientAttributor;
import org.emsym.engine.metrics.BinaryMetrics;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.pretrained.PretrainedModels;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.report.Images;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.synth.SynthConfig;
import org.emsym.engine.synth.SyntheticEmGenerator;
import org.emsym.engine.synth.SyntheticStack;
import org.emsym.engine.train.CheckpointFolder;
import org.emsym.engine.train.EpochRecord;
import org.emsym.engine.train.SegmentationTrainer;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.engine.train.TrainingData;
import org.emsym.engine.train.SegmentationTrainingResult;
import org.emsym.engine.train.TrainingWarnings;
import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.VolumeWriters;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Window;
import org.emsym.engine.window.WindowSpec;

/**
 * Runs the whole EMSym experiment in one go: read (or synthesize) a stack with membrane labels, hold out the last
 * sections for testing, and for every symmetrization strategy build the pretrained U-Net, train it with the same
 * seed and budget, save it as a bundle, predict the test sections tile by tile, score them, attribute the
 * prediction to the window's sections, and finally write CSVs, {@code results.json} and {@code report.html}.
 */
public final class PipelineRunner {

    private final PipelineConfig config;
    private final ProgressSink progress;
    private final Cancellation cancellation;
    private final PrintStream log;

    public PipelineRunner(PipelineConfig config, ProgressSink progress, Cancellation cancellation, PrintStream log) {
        this.config = config;
        this.progress = progress;
        this.cancellation = cancellation;
        this.log = log;
    }

    /** The labelled stack a run works on; targets are 0/1 with 1 = membrane. */
    record Dataset(ArrayVolume image, float[][] targets, String description) {
    }

    /**
     * Runs the pipeline and writes everything into {@link PipelineConfig#out()}.
     *
     * @throws IllegalArgumentException for input that does not fit the settings (naming file, shape or key)
     * @throws IOException when reading or writing fails
     * @throws org.emsym.engine.progress.CanceledException when canceled; finished checkpoints stay
     */
    public RunResults run() throws IOException {
        long started = System.nanoTime();
        Path out = config.out();
        checkOutputs();
        Files.createDirectories(out.resolve("figures"));
        Dataset data = loadData();
        VolumeShape shape = data.image().shape();
        int depth = shape.depth();
        int testCount = config.testSections();
        int trainDepth = depth - testCount;
        if (trainDepth < 2) {
            throw new IllegalArgumentException("the stack " + data.description() + " has " + depth + " sections; with "
                    + testCount + " test sections (key 'testSections') at least 2 must remain for training and validation");
        }
        int minSide = Math.min(shape.height(), shape.width());
        if (config.training().patchHeight() > minSide || config.attributionCrop() > minSide) {
            throw new IllegalArgumentException("patchSize " + config.training().patchHeight() + " and attributionCrop "
                    + config.attributionCrop() + " must fit into the sections of " + data.description() + " " + shape);
        }
        PretrainedWeights weights = readWeights();
        AtomicFiles.write(out.resolve("config.json"), config.toJson().getBytes(StandardCharsets.UTF_8));
        int[] test = new int[testCount];
        Arrays.setAll(test, i -> trainDepth + i);
        float[][] testTargets = Arrays.copyOfRange(data.targets(), trainDepth, depth);
        double membraneFraction = positiveFraction(testTargets);

        WindowSpec spec = new WindowSpec(config.context(), config.boundary());
        UnaryOperator<float[]> scaling = Normalizer.fit(data.image(), NormalizationSpec.typeMax()).sectionTransform();
        TrainingData trainingData = TrainingData.builder(slab(data.image(), 0, trainDepth, "training sections"),
                new ArrayVolume(new VolumeShape(trainDepth, shape.height(), shape.width()), PixelType.UINT8,
                        copy(data.targets(), 0, trainDepth)), spec).build();
        StackWindower windower = new StackWindower(data.image(), spec, scaling);

        List<SymmetrizationStrategy> strategies = config.strategies();
        List<RunResults.VariantResult> variants = new ArrayList<>();
        for (int v = 0; v < strategies.size(); v++) {
            SymmetrizationStrategy strategy = strategies.get(v);
            ProgressSink sink = prefixed(progress, (double) v / strategies.size(), (v + 1.0) / strategies.size(),
                    "[" + strategy.id() + "] ");
            variants.add(runVariant(strategy, weights, trainingData, windower, data, test, sink));
        }
        List<RunResults.Baseline> trivial = List.of(
                new RunResults.Baseline("all membrane", 2 * membraneFraction / (1 + membraneFraction)),
                new RunResults.Baseline("all cell (no membrane)", 0));
        RunResults results = new RunResults("EMSym pipeline: " + config.encoder() + ", k=" + config.context(),
                data.description(), new int[] {depth, shape.height(), shape.width()}, config.context(), test, membraneFraction,
                trivial, variants, (System.nanoTime() - started) / 1e9);
        results.write(out);
        PipelineReport.writeCsvs(results, out);
        PipelineReport.write(results, out);
        progress.report(1, "report written to " + out.resolve(PipelineReport.FILE));
        return results;
    }

    private RunResults.VariantResult runVariant(SymmetrizationStrategy strategy, PretrainedWeights weights,
            TrainingData trainingData, StackWindower windower, Dataset data, int[] test, ProgressSink sink)
            throws IOException {
        Path out = config.out();
        String id = strategy.id();
        SegmentationTrainingConfig training = config.training().toBuilder()
                .checkpointFolder(out.resolve("checkpoints").resolve(id)).build();
        Device device = training.device().resolve();
        try (NDManager manager = NDManager.newBaseManager(device)) {
            PretrainedModels.Built built = PretrainedModels.build(manager, config.encoder(), config.context(),
                    config.decoderChannels(), weights, strategy, config.training().seed());
            log.println(built.report().summary());
            List<RunResults.Figure> figures = new ArrayList<>();
            figures.add(png(out, "kernels-" + id + "-before.png", Images.kernelGrid(built.kernelBefore(), 16, 12),
                    "first-layer kernels of the pretrained model (16 filters x input channels)", "kernels", -1));
            figures.add(png(out, "kernels-" + id + "-after.png", Images.kernelGrid(built.kernelAfter(), 16, 12),
                    "first-layer kernels after '" + id + "' (16 filters x 2k+1 window sections)", "kernels", -1));

            List<double[]> epochShares = new ArrayList<>();
            List<Window> probes = epochProbes(trainingData);
            long t0 = System.nanoTime();
            SegmentationTrainingResult result = SegmentationTrainer.builder(training).progress(sink.sub(0, 0.8)).cancellation(cancellation)
                    .epochListener((model, epoch, record) -> {
                        log.println("[" + id + "] " + record);
                        if (!probes.isEmpty()) {
                            epochShares.add(meanShares(model, manager, probes));
                        }
                    }).build().fit(manager, built.network(), trainingData);
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            ModelMetadata metadata = EpochRecord.appendTo(built.metadata().withNormalization(NormalizationSpec.typeMax()),
                    result.history());
            Path bundle = out.resolve("models").resolve(id);
            ModelBundle.save(bundle, built.network(), metadata);

            t0 = System.nanoTime();
            float[][] probabilities = predictTest(built.network(), manager, data, test, sink.sub(0.8, 0.9));
            double predictSeconds = (System.nanoTime() - t0) / 1e9;
            VolumeShape shape = data.image().shape();
            Path predictions = out.resolve("predictions").resolve(id + "-test-probabilities.tif");
            Files.createDirectories(predictions.getParent());
            VolumeWriters.write(new ArrayVolume(new VolumeShape(test.length, shape.height(), shape.width()),
                    PixelType.FLOAT32, probabilities), predictions);
            BinaryMetrics metrics = BinaryMetrics.EMPTY;
            for (int i = 0; i < test.length; i++) {
                metrics = metrics.plus(BinaryMetrics.of(probabilities[i], config.threshold(),
                        data.targets()[test[i]], 0.5));
            }
            log.printf(Locale.ROOT, "[%s] test sections %s: %s%n", id, Arrays.toString(test), metrics);

            t0 = System.nanoTime();
            List<RunResults.WindowShares> windows = new ArrayList<>();
            AsymmetrySummary summary = attribute(built.network(), manager, windower, data, test, probabilities, id,
                    windows, figures, sink.sub(0.9, 1));
            double attributionSeconds = (System.nanoTime() - t0) / 1e9;
            log.print("[" + id + "] " + summary.toText());
            return new RunResults.VariantResult(id, built.report(), result.history(), epochShares, summary, windows,
                    RunResults.Scores.of(metrics), out.relativize(bundle).toString(),
                    out.relativize(predictions).toString(), figures, trainSeconds, predictSeconds, attributionSeconds);
        }
    }

    private float[][] predictTest(Block network, NDManager manager, Dataset data, int[] test, ProgressSink sink) {
        VolumeShape shape = data.image().shape();
        int tile = Math.min(config.tileSize(), Math.min(shape.height(), shape.width()) / 32 * 32);
        BlockTileModel model = BlockTileModel.builder(network).manager(manager).classes(1)
                .source("U-Net (" + config.encoder() + ")").build();
        TiledVolumePredictor predictor = TiledVolumePredictor.builder(model, new WindowSpec(config.context(), config.boundary()))
                .tileSize(tile, tile).batchSize(config.predictBatchSize()).sectionTransform(Normalizer.fit(data.image(), NormalizationSpec.typeMax()).sectionTransform())
                .progress(sink).cancellation(cancellation).build();
        return predictor.probabilities(data.image()).readSlab(test[0], test[test.length - 1] + 1);
    }

    private AsymmetrySummary attribute(Block network, NDManager manager, StackWindower windower, Dataset data, int[] test,
            float[][] probabilities, String id, List<RunResults.WindowShares> windows, List<RunResults.Figure> figures,
            ProgressSink sink) throws IOException {
        AttributionConfig attribution = AttributionConfig.builder().method(config.attributionMethod())
                .steps(config.attributionSteps()).batchSize(Math.min(8, config.attributionSteps())).seed(config.training().seed())
                .build();
        GradientAttributor attributor = new GradientAttributor(network, attribution);
        VolumeShape shape = data.image().shape();
        int crop = config.attributionCrop();
        int n = config.attributionWindowsPerSection();
        List<ChannelShares> shares = new ArrayList<>();
        for (int i = 0; i < test.length; i++) {
            int z = test[i];
            Window window = windower.window(z);
            for (int j = 0; j < n; j++) {
                cancellation.check();
                // crops spread evenly along the section's diagonal
                double t = n == 1 ? 0.5 : (double) j / (n - 1);
                int y = (int) Math.round(t * (shape.height() - crop));
                int x = (int) Math.round(t * (shape.width() - crop));
                AttributionResult r = attributor.attribute(manager, window.crop(y, x, crop, crop).channels(), crop, crop,
                        null);
                ChannelShares s = r.shares();
                shares.add(s);
                windows.add(new RunResults.WindowShares(z, y, x, s.shares()));
                if (i < config.reportSections() && j == 0) {
                    figures.addAll(sectionFigures(id, z, i, window, probabilities[i], r, y, x, shape));
                }
                sink.report((i * n + j + 1.0) / (test.length * n), "attribution, section " + z + ", crop " + (j + 1) + "/" + n);
            }
        }
        return AsymmetrySummary.of(shares, config.training().seed());
    }

    private List<RunResults.Figure> sectionFigures(String id, int z, int index, Window window, float[] probability,
            AttributionResult r, int y, int x, VolumeShape shape) throws IOException {
        Path out = config.out();
        List<RunResults.Figure> figures = new ArrayList<>();
        int k = window.context();
        figures.add(png(out, id + "-z" + z + "-overlay.png", Images.overlay(window.channels()[k], probability,
                shape.height(), shape.width()), "section " + z + " with predicted membrane probability (red)", "overlay",
                z));
        for (int c = 0; c < r.channels(); c++) {
            String label = AsymmetrySummary.channelLabel(c, k);
            figures.add(png(out, id + "-z" + z + "-attribution-" + c + ".png",
                    Images.signedMap(r.maps()[c], r.height(), r.width()), label + " attribution, crop at y=" + y + ", x="
                            + x + " (" + r.method().name().toLowerCase(Locale.ROOT) + ")", "attribution", z));
        }
        return figures;
    }

    /** Saliency shares averaged over the probe windows, for the per-epoch curves. */
    private double[] meanShares(Block model, NDManager manager, List<Window> probes) {
        GradientAttributor saliency = new GradientAttributor(model, AttributionConfig.builder()
                .method(AttributionMethod.SALIENCY).seed(config.training().seed()).build());
        double[] mean = new double[probes.get(0).channelCount()];
        for (Window w : probes) {
            double[] s = saliency.attribute(manager, w.channels(), w.height(), w.width(), null).shares().shares();
            for (int c = 0; c < mean.length; c++) {
                mean[c] += s[c] / probes.size();
            }
        }
        return mean;
    }

    /** Fixed crops of the last training-volume sections (the validation part) attributed after every epoch. */
    private List<Window> epochProbes(TrainingData trainingData) {
        List<Window> probes = new ArrayList<>();
        StackWindower w = trainingData.prepare().windower();
        VolumeShape shape = w.volume().shape();
        int crop = config.attributionCrop();
        for (int i = 0; i < config.epochAttributionWindows(); i++) {
            int z = Math.max(0, shape.depth() - 1 - i);
            probes.add(w.window(z, (shape.height() - crop) / 2, (shape.width() - crop) / 2, crop, crop));
        }
        return probes;
    }

    private Dataset loadData() throws IOException {
        if (config.image().isEmpty()) {
            int[] s = config.synthShape();
            SynthConfig synth = SynthConfig.builder(config.synthPreset()).shape(new VolumeShape(s[0], s[1], s[2]))
                    .seed(config.synthSeed()).build();
            progress.report(0, "generating synthetic data " + synth.shape());
            SyntheticStack stack = SyntheticEmGenerator.generate(synth);
            float[][] targets = stack.membranes().readSlab(0, s[0]);
            return new Dataset(stack.image(), binarize(targets, false, "synthetic membranes"),
                    "synthetic " + synth.preset() + " " + synth.shape() + ", seed " + synth.seed());
        }
        Path imagePath = config.image().orElseThrow();
        Path labelPath = config.labels().orElseThrow();
        ArrayVolume image = ArrayVolume.copyOf(VolumeReaders.open(imagePath, config.imageDataset()));
        Volume labels = VolumeReaders.open(labelPath, config.labelsDataset());
        if (!labels.shape().equals(image.shape())) {
            throw new IllegalArgumentException("labels " + labelPath + " have shape " + labels.shape() + " but image "
                    + imagePath + " has shape " + image.shape());
        }
        float[][] targets = binarize(labels.readSlab(0, labels.shape().depth()), config.positiveIsZero(),
                labelPath.toString());
        warnBeforeTraining(image, labels);
        return new Dataset(image, targets, imagePath + " with labels " + labelPath);
    }

    /**
     * Checks, before anything is read or computed, that the output folder can be written and that no model
     * bundle folder of a variant holds anything but an earlier bundle (which a run replaces).
     *
     * @throws IllegalArgumentException naming the config key and the path
     */
    private void checkOutputs() throws IOException {
        Path out = config.out();
        try {
            CheckpointFolder.requireUsable(out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output folder (key 'out'): " + e.getMessage(), e);
        }
        for (SymmetrizationStrategy strategy : config.strategies()) {
            ModelBundle.checkOutput(out.resolve("models").resolve(strategy.id()), true);
        }
    }

    /** Prints the engine's {@link TrainingWarnings} on the inputs, each with the config key that changes it. */
    private void warnBeforeTraining(Volume image, Volume labels) {
        for (TrainingWarnings.Warning w : TrainingWarnings.of(image, labels, config.positiveIsZero(),
                NormalizationSpec.typeMax())) {
            log.println("warning: " + w.message() + switch (w.kind()) {
                case MOSTLY_FOREGROUND -> config.positiveIsZero()
                        ? "; if they mark membrane with non-zero values, set \"positiveIsZero\": false"
                        : "; if they mark membrane with 0, set \"positiveIsZero\": true";
                case NO_FOREGROUND, NO_BACKGROUND -> "; check \"labels\" and \"positiveIsZero\"";
                case SMALL_VALUE_RANGE -> "; the pipeline divides by the type's maximum: rescale the stack, or train"
                        + " with emsym train --normalization percentile";
            });
        }
    }

    private PretrainedWeights readWeights() throws IOException {
        Path file = config.weights();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "pretrained weights not found (key 'weights'); the"
                    + " default build fetches nsfwjs into engine/target/nsfwjs: run "
                    + "'mvn -B -DskipTests package -pl engine -am' in the repository root, or pass --weights");
        }
        return PretrainedModels.read(file);
    }

    /** 0/1 targets: 1 where the label is non-zero (or zero, when {@code positiveIsZero}). */
    private static float[][] binarize(float[][] labels, boolean positiveIsZero, String source) {
        float[][] out = new float[labels.length][];
        for (int z = 0; z < labels.length; z++) {
            out[z] = new float[labels[z].length];
            for (int i = 0; i < labels[z].length; i++) {
                float v = labels[z][i];
                if (v != 0 && v != 1 && v != 255) {
                    throw new IllegalArgumentException("labels " + source + " are not binary: value " + v + " in section "
                            + z + "; expected 0/1 or 0/255");
                }
                out[z][i] = (v != 0) != positiveIsZero ? 1f : 0f;
            }
        }
        return out;
    }

    private static double positiveFraction(float[][] targets) {
        double sum = 0;
        long n = 0;
        for (float[] t : targets) {
            for (float v : t) {
                sum += v;
            }
            n += t.length;
        }
        return sum / n;
    }

    private static ArrayVolume slab(ArrayVolume image, int z0, int z1, String what) {
        VolumeShape s = image.shape();
        return new ArrayVolume(new VolumeShape(z1 - z0, s.height(), s.width()), image.pixelType(), image.voxelSize(),
                image.readSlab(z0, z1), image.source() + " (" + what + " " + z0 + ".." + (z1 - 1) + ")");
    }

    private static float[][] copy(float[][] sections, int z0, int z1) {
        float[][] out = new float[z1 - z0][];
        for (int z = z0; z < z1; z++) {
            out[z - z0] = sections[z].clone();
        }
        return out;
    }

    private static RunResults.Figure png(Path out, String name, BufferedImage image, String caption, String kind,
            int section) throws IOException {
        Path file = out.resolve("figures").resolve(name);
        AtomicFiles.write(file, stream -> ImageIO.write(image, "png", stream));
        return new RunResults.Figure(out.relativize(file).toString(), caption, kind, section);
    }

    private static ProgressSink prefixed(ProgressSink sink, double from, double to, String prefix) {
        return (fraction, message) -> sink.report(from + (to - from) * Math.max(0, Math.min(1, fraction)), prefix + message);
    }
}
