package org.emsym.knime.node.symmetrizer;

import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.BufferedDataTable;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the Weight Symmetrizer node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link WeightSymmetrizerParameters}, and its dialog from the parameters.
 */
public final class WeightSymmetrizerNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create()
            .name("Weight Symmetrizer")
            .icon("./weight_symmetrizer.png")
            .shortDescription("Adapts a model's pretrained RGB first layer to its 2k+1 section channels: uniform "
                    + "channel initialization, outer average, or none.")
            .fullDescription("<p>An RGB-pretrained first convolution treats its three input channels differently. "
                    + "In a 2.5D network those channels are neighbouring sections, and nothing in the data "
                    + "distinguishes the section above the centre from the one below, so that asymmetry is an "
                    + "artefact of the pretraining. Following Molnar, Szabo and Horvath (arXiv 2505.14105), the "
                    + "<i>uniform channel initialization</i> gives every input channel the mean pretrained kernel "
                    + "(scaled by 3/(2k+1)), which makes the first layer, and so the untrained network, invariant "
                    + "to reversing the section order.</p>"
                    + "<p>Strategies: <tt>uniform</tt> (as above); <tt>outer-average</tt> (the kernel spread over "
                    + "the 2k+1 channels, then channels at equal distance from the centre get their average: "
                    + "exactly symmetric under a z-flip, but the centre keeps its own kernel); <tt>none</tt> (the "
                    + "pretrained kernel spread over the channels by linear interpolation, keeping its asymmetry: "
                    + "the baseline).</p>"
                    + "<p>The source is the pretrained kernel as read by the <i>Pretrained Model Loader</i>, which "
                    + "the model keeps; so the node can be re-run with another strategy on the same input. A model "
                    + "without that kernel has its current first layer symmetrized in place, with a warning.</p>"
                    + "<p>The table lists, for each input channel, the L1 and L2 norms of the kernel before (source "
                    + "channels) and after (window channels), and the symmetry error ||W - flip(W)|| / ||W|| of "
                    + "each stage (0 means exactly symmetric).</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addInputPort("Segmentation Model", "A model, typically from the Pretrained Model Loader.",
                    SegmentationModelPortObject.TYPE)
                    .addOutputPort("Symmetrized model", "The model with the adapted first layer; its spec records "
                            + "the strategy and symmetry errors.", SegmentationModelPortObject.TYPE)
                    .addOutputPort("Kernel norms", "Layer, Strategy, Stage (before/after), Channel, L1 norm, L2 "
                            + "norm, Symmetry error.", BufferedDataTable.TYPE))
            .model(NodeLogic.model(WeightSymmetrizerParameters.class, new WeightSymmetrizerLogic()))
            .nodeType(NodeType.Manipulator)
            .keywords("uniform channel initialization", "symmetry", "first layer");

    public WeightSymmetrizerNodeFactory() {
        super(NODE);
    }
}
