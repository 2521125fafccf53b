package org.emsym.knime.workflow;

import java.nio.file.Path;
import java.util.List;

import org.emsym.knime.node.attribution.AttributionScorerNodeFactory;
import org.emsym.knime.node.learner.SegmentationLearnerNodeFactory;
import org.emsym.knime.node.loader.PretrainedModelLoaderNodeFactory;
import org.emsym.knime.node.modelreader.SegmentationModelReaderNodeFactory;
import org.emsym.knime.node.modelwriter.SegmentationModelWriterNodeFactory;
import org.emsym.knime.node.predictor.SegmentationPredictorNodeFactory;
import org.emsym.knime.node.reader.EmStackReaderNodeFactory;
import org.emsym.knime.node.scorer.SegmentationScorerNodeFactory;
import org.emsym.knime.node.symmetrizer.WeightSymmetrizerNodeFactory;
import org.emsym.knime.node.windowing.StackWindowingNodeFactory;
import org.emsym.knime.node.writer.VolumeWriterNodeFactory;

/**
 * The example workflows in {@code workflows/}, defined in code and written in KNIME's on-disk format by
 * {@link WorkflowWriter}. After changing a node's settings, regenerate them with
 * {@code mvn -o -pl plugin -am test -Dtest=ExampleWorkflowsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Demsym.regenerateWorkflows=true} (or run {@link #main} with the plugin module as working directory);
 * {@code ExampleWorkflowsTest} fails while the committed files differ from what this class writes. All paths are relative to the workflow ({@code knime://knime.workflow/...}): the data is the repository's
 * {@code test-data/synthetic-small}, the pretrained weights are the nsfwjs MobileNetV2 that the build fetches into
 * {@code engine/target/nsfwjs}, and outputs go to {@code workflows/output/}. {@link #TRAIN} writes the trained model to
 * {@link #MODEL} and {@link #PREDICT} reads it from there, so run the training workflow first.
 */
public final class ExampleWorkflows {

    public static final String TRAIN = "01-train-symmetric-model";
    public static final String PREDICT = "02-predict-volume";
    public static final String AUDIT = "03-attribution-audit";
    public static final List<String> ALL = List.of(TRAIN, PREDICT, AUDIT);

    static final String DATA = "knime://knime.workflow/../../test-data/synthetic-small/";
    static final String WEIGHTS = "knime://knime.workflow/../../engine/target/nsfwjs/model.json";
    static final String OUTPUT = "knime://knime.workflow/../output/";
    /** The model bundle that {@link #TRAIN} writes and {@link #PREDICT} reads. */
    static final String MODEL = OUTPUT + "01-model";
    /** A narrow decoder keeps the examples quick on a CPU. */
    static final String DECODER = "64,32,16,16,8";

    private ExampleWorkflows() {
    }

    /** Writes every example workflow into {@code workflowsFolder}. */
    public static void writeAll(Path workflowsFolder) throws Exception {
        train().write(workflowsFolder.resolve(TRAIN));
        predict().write(workflowsFolder.resolve(PREDICT));
        audit().write(workflowsFolder.resolve(AUDIT));
    }

    /** Regenerates {@code ../workflows} (run with the plugin module as working directory). */
    public static void main(String[] args) throws Exception {
        writeAll(Path.of(args.length > 0 ? args[0] : "../workflows"));
    }

    private static int reader(WorkflowWriter w, boolean labels, int x, int y) throws Exception {
        return w.node("EM Stack Reader", new EmStackReaderNodeFactory(), x, y, h -> {
            h.set("image_path", DATA + "image.tif");
            if (labels) {
                h.set("read_labels", true).set("labels_path", DATA + "membranes.tif");
            }
        });
    }

    private static int windowing(WorkflowWriter w, int x, int y) throws Exception {
        return w.node("Stack Windowing", new StackWindowingNodeFactory(), x, y, h -> h.set("context_k", 1)
                .set("boundary_mode", "REFLECT").set("patch_size", 128).set("tile_size", 128).set("tile_overlap", 16));
    }

    private static int loader(WorkflowWriter w, int x, int y) throws Exception {
        return w.node("Pretrained Model Loader", new PretrainedModelLoaderNodeFactory(), x, y, h -> h
                .set("encoder", "mobilenet_v2").set("weight_file", WEIGHTS).set("weight_format", "AUTO")
                .set("context_k", 1).set("classes", 1).set("decoder_channels", DECODER));
    }

    private static int symmetrizer(WorkflowWriter w, String strategy, int x, int y) throws Exception {
        return w.node("Weight Symmetrizer", new WeightSymmetrizerNodeFactory(), x, y,
                h -> h.set("strategy", strategy));
    }

    static WorkflowWriter train() throws Exception {
        WorkflowWriter w = new WorkflowWriter("Fine-tunes the pretrained MobileNetV2 U-Net with a uniformly"
                + " symmetrized first layer (every input section gets the mean RGB kernel) on the synthetic EM stack"
                + " and its membrane labels. Writes the trained model to workflows/output/01-model (read by"
                + " 02-predict-volume) and outputs the per-epoch loss and Dice.");
        int read = reader(w, true, 40, 100);
        int window = windowing(w, 200, 100);
        int load = loader(w, 40, 260);
        int sym = symmetrizer(w, "uniform", 200, 260);
        int learn = w.node("Segmentation Learner", new SegmentationLearnerNodeFactory(), 380, 180,
                h -> h.set("epochs", 10).set("steps_per_epoch", 20).set("batch_size", 4)
                        .set("patch_size", 128).set("validation_end", 16).set("validation_start", 13)
                        .set("freeze_encoder_epochs", 2).set("early_stopping_patience", 0));
        int write = w.node("Segmentation Model Writer", new SegmentationModelWriterNodeFactory(), 560, 180,
                h -> h.set("output_folder", MODEL).set("if_exists", "OVERWRITE"));
        w.connect(read, 0, window, 0).connect(load, 0, sym, 0).connect(sym, 0, learn, 0)
                .connect(window, 0, learn, 1).connect(read, 1, learn, 2).connect(learn, 0, write, 0);
        return w;
    }

    static WorkflowWriter predict() throws Exception {
        WorkflowWriter w = new WorkflowWriter("Reads the model trained by 01-train-symmetric-model (run that"
                + " first) from workflows/output/01-model and predicts membrane probabilities and labels for the"
                + " synthetic EM stack tile by tile (with the symmetric z-flip test-time augmentation), scores them against the"
                + " ground truth and writes the label volume to workflows/output/02-labels.tif.");
        int read = reader(w, true, 40, 100);
        int load = w.node("Segmentation Model Reader", new SegmentationModelReaderNodeFactory(), 40, 260,
                h -> h.set("model_folder", MODEL));
        int predict = w.node("Segmentation Predictor", new SegmentationPredictorNodeFactory(), 220, 180,
                h -> h.set("tile_size", 128).set("overlap", 16).set("tta_z_flip", true).set("threshold", 0.5));
        int score = w.node("Segmentation Scorer", new SegmentationScorerNodeFactory(), 400, 100,
                h -> h.set("prediction_threshold", 0.5).set("prediction_foreground", "BELOW")
                        .set("truth_threshold", 0.5).set("truth_foreground", "BELOW"));
        int write = w.node("Volume Writer", new VolumeWriterNodeFactory(), 400, 260,
                h -> h.set("output_path", OUTPUT + "02-labels.tif").set("if_exists", "OVERWRITE"));
        w.connect(load, 0, predict, 0).connect(read, 0, predict, 1).connect(predict, 0, score, 0)
                .connect(read, 1, score, 1).connect(predict, 1, write, 0);
        return w;
    }

    static WorkflowWriter audit() throws Exception {
        WorkflowWriter w = new WorkflowWriter("Attribution audit: the same pretrained model with its first layer"
                + " spread without symmetrization (none) and with the uniform channel initialization, scored with"
                + " integrated gradients on the same windows. The per-slice share tables show how evenly each model"
                + " uses the sections above and below the centre.");
        int read = reader(w, false, 40, 100);
        int window = windowing(w, 200, 100);
        int load = loader(w, 40, 300);
        int none = symmetrizer(w, "none", 200, 240);
        int uniform = symmetrizer(w, "uniform", 200, 360);
        int scoreNone = attribution(w, 400, 160);
        int scoreUniform = attribution(w, 400, 320);
        w.connect(read, 0, window, 0).connect(load, 0, none, 0).connect(load, 0, uniform, 0)
                .connect(none, 0, scoreNone, 0).connect(window, 0, scoreNone, 1)
                .connect(uniform, 0, scoreUniform, 0).connect(window, 0, scoreUniform, 1);
        return w;
    }

    private static int attribution(WorkflowWriter w, int x, int y) throws Exception {
        return w.node("Attribution Scorer", new AttributionScorerNodeFactory(), x, y, h -> h
                .set("method", "INTEGRATED_GRADIENTS").set("steps", 16).set("baseline", "ZEROS")
                .set("every_nth", 2).set("max_windows", 8).set("tile_size", 128));
    }
}
