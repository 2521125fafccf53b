package org.emsym.knime.node.attribution;

import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.BufferedDataTable;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the Attribution Scorer node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link AttributionScorerParameters}, and its dialog from the parameters.
 */
public final class AttributionScorerNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create()
            .name("Attribution Scorer")
            .icon("./attribution_scorer.png")
            .shortDescription("Measures how much each section of a 2.5D window drives the model's output, and how "
                    + "asymmetric that is between the sections above and below.")
            .fullDescription("<p>For each selected window, the model's foreground score (the summed probability of "
                    + "class 0 over a centred square tile; sigmoid for one-class models, softmax otherwise) is "
                    + "attributed to the input pixels with a gradient method. The absolute attribution summed over "
                    + "each channel, normalized to sum to 1, is the <i>share</i> of that section: z-k ... z ... "
                    + "z+k.</p>"
                    + "<p>A model that treats the sections above and below the centre alike has equal shares at "
                    + "equal distance. The summary table aggregates all windows: the mean share of each section and, "
                    + "for each distance d, the ratio A(z-d)/A(z+d) (1 when symmetric) and the asymmetry index "
                    + "|A(z-d) - A(z+d)| / (A(z-d) + A(z+d)) (0 when symmetric), each with a 95% "
                    + "percentile-bootstrap interval over windows (fixed seed).</p>"
                    + "<p>Windows are cut with the Volume's windowing (set by <i>Stack Windowing</i>; REFLECT "
                    + "otherwise), whose context must match the model's 2k+1 input channels, and normalized as the "
                    + "Volume's spec says.</p>"
                    + "<p>The optional third output is a FLOAT32 Volume of the absolute attribution maps: for each "
                    + "window, in the order of the shares table, its 2k+1 channel maps (z-k first) as consecutive "
                    + "sections of tile x tile pixels. It is inactive when not requested.</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addInputPort("Segmentation Model", "The model to audit.", SegmentationModelPortObject.TYPE)
                    .addInputPort("Volume", "The image volume.", VolumePortObject.TYPE)
                    .addOutputPort("Per-window shares", "Centre z, Target score, and one share column per section "
                            + "(Share z-k ... Share z+k).", BufferedDataTable.TYPE)
                    .addOutputPort("Asymmetry summary", "Quantity (share / ratio / asymmetry index), Of (section or "
                            + "distance), Mean, Lower 95%, Upper 95%, Windows.", BufferedDataTable.TYPE)
                    .addOutputPort("Attribution maps", "Optional: |attribution| maps, 2k+1 sections per window.",
                            VolumePortObject.TYPE_OPTIONAL))
            .model(NodeLogic.model(AttributionScorerParameters.class, new AttributionScorerLogic()))
            .nodeType(NodeType.Other)
            .keywords("integrated gradients", "saliency", "asymmetry");

    public AttributionScorerNodeFactory() {
        super(NODE);
    }
}
