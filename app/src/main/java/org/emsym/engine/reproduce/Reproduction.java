package org.emsym.engine.reproduce;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.emsym.engine.attribution.AttributionAudit;
import org.emsym.engine.attribution.AttributionConfig;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.AttributionTracker;
import org.emsym.engine.attribution.AuditResult;
import org.emsym.engine.attribution.EpochAttribution;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.model.UNet;
import org.emsym.engine.pretrained.PretrainedModels;
import org.emsym.engine.model.encoder.MobileNetV2Encoder;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.train.SegmentationTrainer;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.engine.train.SegmentationTrainingResult;
import org.emsym.engine.train.TrainingData;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Window;
import org.emsym.engine.window.WindowSpec;

/**
 * Reproduces the paper's comparison (Molnar, Szabo, Horvath, arXiv 2505.14105): a U-Net with the pretrained
 * MobileNetV2 encoder of nsfwjs, its first layer adapted to the 2k+1 input sections by each configured
 * {@link SymmetrizationStrategy}, is measured before training (pretrained only, random decoder) and after
 * training with the same seed and budget: Dice and IoU of the membrane prediction on the evaluation sections,
 * and the per-section attribution shares with 95% bootstrap intervals over non-overlapping evaluation tiles.
 *
 * <p>Runs on the CPU. Seeding the engine is process-wide: run one reproduction per JVM at a time.
 */
public final class Reproduction {

    private final ReproductionConfig config;
    private final ProgressSink progress;
    private final Cancellation cancellation;

    public Reproduction(ReproductionConfig config, ProgressSink progress, Cancellation cancellation) {
        this.config = Objects.requireNonNull(config, "config");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    }

    /**
     * Trains and measures every configured strategy on {@code data}.
     *
     * @throws IOException if the pretrained model cannot be read
     * @throws IllegalArgumentException if the sections are smaller than the patch size or the evaluation
     *     range leaves no training window
     */
    public ReproductionResult run(ReproductionData data) throws IOException {
        long started = System.nanoTime();
        PretrainedWeights weights = PretrainedModels.read(config.pretrainedModel());
        WindowSpec spec = WindowSpec.of(config.context());
        // evaluation reads the whole stack; training reads only the sections apart from the evaluation ones
        TrainingData.Prepared prepared = TrainingData.builder(data.image(), data.labels(), spec)
                .positiveIsZero(data.positiveIsZero()).build().prepare();
        ReproductionData.TrainingStack stack = data.trainingStack();
        TrainingData trainingData = TrainingData.builder(stack.image(), stack.labels(), spec)
                .positiveIsZero(data.positiveIsZero()).build();
        StackWindower windower = prepared.windower();
        int[] evaluationCentres = IntStream.range(data.evaluationStart(), data.evaluationEnd())
                .filter(windower::isCentre).toArray();
        if (evaluationCentres.length == 0) {
            throw new IllegalArgumentException("no window is centred on the evaluation sections ["
                    + data.evaluationStart() + ", " + data.evaluationEnd() + ") of " + data.image().source());
        }
        int p = config.patchSize();
        List<Window> auditWindows = AttributionAudit.tiles(windower, evaluationCentres, p, p);
        List<Window> trackingWindows = AttributionAudit.centralCrops(windower, evaluationCentres, p, p);
        SegmentationTrainingConfig training = config.training(stack.validationStart(), stack.validationEnd());

        List<VariantResult> variants = new ArrayList<>();
        int total = config.strategies().size();
        for (int i = 0; i < total; i++) {
            SymmetrizationStrategy strategy = config.strategies().get(i);
            ProgressSink variant = progress.sub((double) i / total, (i + 1.0) / total);
            variant.report(0, strategy.id() + ": measuring the pretrained-only network");
            try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                UNet net = pretrainedUNet(manager, weights, strategy);
                if (config.attribution()) {
                    variants.add(measure(manager, net, strategy, false, prepared, evaluationCentres, auditWindows,
                            List.of(), 0, 0.5, variant));
                }
                AttributionTracker tracker = AttributionTracker.builder(trackingWindows)
                        .config(attribution(config.methods().get(0))).region(config.region())
                        .bootstrapSeed(config.seed()).build();
                if (config.trackEpochs()) {
                    tracker.recordInitial(net);
                }
                long t0 = System.nanoTime();
                SegmentationTrainingResult fitted = SegmentationTrainer.builder(training).progress((f, m) -> variant.report(0.05 + 0.9 * f, strategy.id() + ": " + m))
                        .cancellation(cancellation)
                        .epochListener(config.trackEpochs() ? tracker : null)
                        .build().fit(manager, net, trainingData);
                double seconds = (System.nanoTime() - t0) / 1e9;
                variants.add(measure(manager, net, strategy, true, prepared, evaluationCentres, auditWindows,
                        tracker.history(), seconds, fitted.threshold(), variant.sub(0.95, 1)));
            }
        }
        progress.report(1, "reproduction finished");
        return new ReproductionResult(data.description(), config, auditWindows.size(), variants,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * The U-Net with every pretrained encoder tensor loaded and the first layer adapted by {@code strategy}, built
     * the one way every entry point builds it; the same seed gives every variant the same decoder, so only the
     * first layer differs.
     */
    private UNet pretrainedUNet(NDManager manager, PretrainedWeights weights, SymmetrizationStrategy strategy) {
        return PretrainedModels.build(manager, MobileNetV2Encoder.ARCHITECTURE, config.context(), null, weights,
                strategy, config.seed()).network();
    }

    private VariantResult measure(NDManager manager, UNet net, SymmetrizationStrategy strategy, boolean trained,
            TrainingData.Prepared prepared, int[] evaluationCentres, List<Window> auditWindows,
            List<EpochAttribution> tracking, double seconds, double threshold, ProgressSink sink) {
        EvaluationScores scores = EvaluationScores.measure(manager, net, prepared, evaluationCentres,
                config.patchSize(), threshold, config.evaluationAugmentation(), cancellation);
        Map<AttributionMethod, AuditResult> attributions = new EnumMap<>(AttributionMethod.class);
        for (AttributionMethod method : config.attribution() ? config.methods() : List.<AttributionMethod>of()) {
            cancellation.check();
            sink.report(0, strategy.id() + (trained ? ", trained" : ", pretrained only") + ": " + method
                    + " on " + auditWindows.size() + " tiles");
            attributions.put(method, AttributionAudit.builder(net).config(attribution(method)).region(config.region())
                    .bootstrapSeed(config.seed()).cancellation(cancellation).build().audit(manager, auditWindows));
        }
        return new VariantResult(strategy, trained, scores, attributions, tracking, seconds);
    }

    private static AttributionConfig attribution(AttributionMethod method) {
        return AttributionConfig.builder().method(method).build();
    }
}
