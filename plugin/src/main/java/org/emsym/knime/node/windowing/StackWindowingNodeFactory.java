package org.emsym.knime.node.windowing;

import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.BufferedDataTable;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the Stack Windowing node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link StackWindowingParameters}, and its dialog from the parameters.
 */
public final class StackWindowingNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create()
            .name("Stack Windowing")
            .icon("./stack_windowing.png")
            .shortDescription("Sets how 2.5D windows of 2k+1 sections are cut from a Volume, and lists every "
                    + "window.")
            .fullDescription("<p>A 2.5D network sees each section together with <i>k</i> sections above and below "
                    + "it: a window of <i>2k+1</i> channels, one per section, centred on the section to segment. "
                    + "This node records the window settings on the Volume; the Segmentation Learner and Predictor "
                    + "take them from there. The voxels are passed through unchanged (no copy is made).</p>"
                    + "<p>Near the first and last <i>k</i> sections a window reaches past the stack. The boundary "
                    + "mode says what fills the missing channels: <tt>REFLECT</tt> mirrors about the edge section "
                    + "without repeating it (-1 becomes 1), <tt>REPLICATE</tt> repeats the edge section, "
                    + "<tt>ZERO</tt> uses a zero-filled channel, and <tt>SKIP</tt> makes no window for those "
                    + "centres. Every mode only uses sections of the volume itself.</p>"
                    + "<p>The summary table has one row per window: its centre section, the sections feeding its "
                    + "channels (<tt>zero</tt> for a zero-filled channel), the channel count and whether the window "
                    + "was padded.</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addInputPort("Volume", "The image volume.", VolumePortObject.TYPE)
                    .addOutputPort("Windowed volume", "The same voxels, with the window settings recorded in its "
                            + "spec and provenance.", VolumePortObject.TYPE)
                    .addOutputPort("Window summary", "One row per window: centre z, source sections, channels, "
                            + "boundary mode, padded.", BufferedDataTable.TYPE))
            .model(NodeLogic.model(StackWindowingParameters.class, new StackWindowingLogic()))
            .nodeType(NodeType.Manipulator)
            .keywords("2.5D", "context", "tiling");

    public StackWindowingNodeFactory() {
        super(NODE);
    }
}
