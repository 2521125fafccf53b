package org.emsym.knime.node.learner;

import java.util.ArrayList;
import java.util.List;

import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.testing.BinaryModels;
import org.emsym.knime.testing.NodeTestHarness;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;

/**
 * The inputs and budget the Learner tests train with: 6 synthetic sections of 32 x 32 (the encoder's stride, the
 * smallest input) and 2 epochs of {@value #STEPS} steps of two 32 x 32 patches, validated on the last section.
 */
final class TinyLearnerRuns {

    static final int K = 1;
    static final int STEPS = 2;
    static final int SIZE = 32;

    private TinyLearnerRuns() {
    }

    /** The model, image and labels ports of one test class (made once per class: building them takes seconds). */
    record Inputs(SegmentationModelPortObject model, VolumePortObject image, VolumePortObject labels) {
    }

    static Inputs inputs() throws Exception {
        return new Inputs(BinaryModels.port(K), BinaryModels.synthetic("image.tif", 6, SIZE),
                BinaryModels.synthetic("membranes.tif", 6, SIZE));
    }

    /** A new Learner with the tiny budget set. */
    static NodeTestHarness<NodeModel> node() throws Exception {
        return NodeTestHarness.of(new SegmentationLearnerNodeFactory())
                .set(SegmentationLearnerParameters.CFG_EPOCHS, 2)
                .set(SegmentationLearnerParameters.CFG_STEPS_PER_EPOCH, STEPS)
                .set(SegmentationLearnerParameters.CFG_BATCH_SIZE, 2)
                .set(SegmentationLearnerParameters.CFG_PATCH_SIZE, SIZE)
                .set(SegmentationLearnerParameters.CFG_VALIDATION_END, 6)
                .set(SegmentationLearnerParameters.CFG_VALIDATION_START, 5)
                .set(SegmentationLearnerParameters.CFG_DEVICE, "cpu");
    }

    static List<DataRow> rows(PortObject table) {
        List<DataRow> rows = new ArrayList<>();
        ((BufferedDataTable) table).iterator().forEachRemaining(rows::add);
        return rows;
    }

    /** The double in {@code column} of {@code row} of the history {@code table}. */
    static double cell(DataRow row, PortObject table, String column) {
        int index = ((BufferedDataTable) table).getDataTableSpec().findColumnIndex(column);
        return ((DoubleValue) row.getCell(index)).getDoubleValue();
    }

    /** The temporary checkpoint folder the node keeps after a canceled run, or null. */
    static java.nio.file.Path keptCheckpointFolder(NodeTestHarness<?> node) {
        return ((SegmentationLearnerNodeFactory) node.factory()).logic().keptCheckpointFolder();
    }
}
