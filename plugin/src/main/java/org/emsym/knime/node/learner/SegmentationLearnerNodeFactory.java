package org.emsym.knime.node.learner;

import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.BufferedDataTable;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the Segmentation Learner node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link SegmentationLearnerParameters}, and its dialog from the parameters. Unlike the other
 * nodes' definitions this one is made per factory: its logic keeps the temporary checkpoint folder of a canceled
 * run for resuming, and KNIME creates a factory per node.
 */
public final class SegmentationLearnerNodeFactory extends DefaultNodeFactory {

    private final SegmentationLearnerLogic logic;

    public SegmentationLearnerNodeFactory() {
        this(new SegmentationLearnerLogic());
    }

    private SegmentationLearnerNodeFactory(SegmentationLearnerLogic logic) {
        super(node(logic));
        this.logic = logic;
    }

    /** The node's logic, which holds its kept checkpoint folder (for tests). */
    SegmentationLearnerLogic logic() {
        return logic;
    }

    private static DefaultNode node(SegmentationLearnerLogic logic) {
        return DefaultNode.create()
                .name("Segmentation Learner")
                .icon("./segmentation_learner.png")
                .shortDescription("Trains a Segmentation Model on an EM image volume and its binary label volume.")
                .fullDescription("<p>Fine-tunes the input <i>Segmentation Model</i> (a U-Net over 2k+1 neighbouring "
                        + "sections) on the image and label volumes. Each epoch runs a number of optimizer steps on "
                        + "random patches of the training sections, then computes loss and Dice on the validation "
                        + "sections. The output model holds the weights of the epoch with the lowest validation "
                        + "loss, and records the input normalization and the per-epoch history; the table lists one "
                        + "row per epoch.</p>"
                        + "<p>Images are normalized as their Volume says (the EM Stack Reader's normalization "
                        + "setting), or divided by the pixel type's maximum when it says none; the Segmentation "
                        + "Predictor applies the same rule.</p>"
                        + "<p>Progress shows the epoch, step and loss. A checkpoint is written after every epoch "
                        + "into a temporary folder owned by the node, or into the <i>Checkpoint folder</i> when one "
                        + "is set. When the node is canceled it fails without output but keeps that checkpoint: "
                        + "executing it again with unchanged settings and inputs resumes from the last finished "
                        + "epoch. A successful run deletes the temporary checkpoints; those in a checkpoint folder "
                        + "stay.</p>"
                        + "<p>Training is seeded: with the same seed, settings and inputs a CPU run gives the same "
                        + "weights.</p>")
                .sinceVersion(5, 6, 0)
                .ports(p -> p.addInputPort("Segmentation Model", "The model to train, e.g. from the Pretrained Model "
                        + "Loader or the Weight Symmetrizer. It must have one output class.",
                        SegmentationModelPortObject.TYPE)
                        .addInputPort("Image", "The EM image volume.", VolumePortObject.TYPE)
                        .addInputPort("Labels", "Binary labels of the same shape (0/1 or 0/255).",
                                VolumePortObject.TYPE)
                        .addOutputPort("Trained model", "The model with the weights of the best validation epoch "
                                + "and the training history.", SegmentationModelPortObject.TYPE)
                        .addOutputPort("Training history", "One row per epoch: epoch, train_loss, validation_loss, "
                                + "validation_dice, learning_rate, encoder_frozen, seconds, then the saliency share "
                                + "of every input section (\"share z-1\", \"share z\", \"share z+1\" for k = 1) on up "
                                + "to four fixed validation windows, and the asymmetry index |A(z-d) - A(z+d)| / "
                                + "(A(z-d) + A(z+d)) for d = 1..k (\"asymmetry d=1\"). Shares show whether the model "
                                + "leans on one neighbouring section; epochs trained before a resumed run have "
                                + "missing shares.", BufferedDataTable.TYPE))
                .model(NodeLogic.model(SegmentationLearnerParameters.class, logic))
                .nodeType(NodeType.Learner)
                .keywords("U-Net", "training", "fine-tuning");
    }
}
