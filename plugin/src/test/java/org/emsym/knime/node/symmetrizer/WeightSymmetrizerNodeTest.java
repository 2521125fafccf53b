package org.emsym.knime.node.symmetrizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.UNet;
import org.emsym.engine.symmetry.KernelSymmetrizer;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.TestModels;
import org.emsym.knime.testing.TestTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

class WeightSymmetrizerNodeTest {

    private static final int K = 2;
    private static final Shape INPUT = new Shape(1, 2 * K + 1, 32, 32);

    /** An asymmetric stand-in for a pretrained RGB kernel of ResNet's first convolution. */
    private static final NamedTensor RGB = rgbKernel();

    private static SegmentationModelPortObject pretrained;

    @TempDir
    Path dir;

    private NodeTestHarness<NodeModel> node;

    private static NamedTensor rgbKernel() {
        Random random = new Random(7);
        float[] values = new float[64 * 3 * 7 * 7];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian() * 0.1f + (i / 49 % 3) * 0.05f;
        }
        return new NamedTensor("conv1.weight", new long[] {64, 3, 7, 7}, values);
    }

    @BeforeAll
    static void makeModel() throws IOException {
        try (ModelScope scope = ModelScope.cpu()) {
            NDManager m = scope.manager();
            UNet net = TestModels.resnet18(m, K);
            pretrained = SegmentationModelPortObject.create(net, ModelMetadata.describe(net), RGB);
        }
    }

    @BeforeEach
    void setUp() {
        node = NodeTestHarness.of(new WeightSymmetrizerNodeFactory());
    }

    /** The network's output on a window and on the same window with its sections in reverse order. */
    private static float[][] outputAndFlipped(ModelBundle bundle, NDManager m) {
        float[] x = TestModels.input((int) INPUT.size());
        float[] flipped = m.create(x, INPUT).flip(1).toFloatArray();
        return new float[][] {TestModels.forward(m, bundle.network(), x, INPUT),
            TestModels.forward(m, bundle.network(), flipped, INPUT)};
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void uniformMakesTheNetworkInvariantToReversingTheSections() throws Exception {
        PortObject[] out = node.execute(pretrained);
        SegmentationModelPortObject model = (SegmentationModelPortObject) out[0];
        assertEquals("uniform", model.getSpec().getSymmetrization());
        assertTrue(model.getSpec().getSymmetrizationSummary().startsWith("uniform"), model.getSpec().getSymmetrizationSummary());
        assertEquals(node.configure(pretrained.getSpec())[0],
                model.getSpec().withSymmetrization("uniform", ""), "configure predicts all but the summary");

        try (ModelScope scope = ModelScope.cpu()) {
            NDManager m = scope.manager();
            ModelBundle bundle = model.loadBundle(scope);
            assertArrayEquals(KernelSymmetrizer.uniform(RGB, 2 * K + 1).values(),
                    bundle.network().encoder().firstConvWeight().getArray().toFloatArray(), 1e-7f);
            float[][] y = outputAndFlipped(bundle, m);
            double scale = maxDifference(y[0], new float[y[0].length]);
            assertTrue(maxDifference(y[0], y[1]) <= 1e-5 * scale, "z-flip changed the output by " + maxDifference(y[0], y[1]));
            assertEquals(0.0, bundle.metadata().symmetrization().symmetryErrorAfter(), 1e-7);
        }

        BufferedDataTable table = (BufferedDataTable) out[1];
        assertEquals(List.of("before", "before", "before", "after", "after", "after", "after", "after"),
                TestTables.strings(table, WeightSymmetrizerLogic.COL_STAGE));
        List<Double> errors = TestTables.doubles(table, WeightSymmetrizerLogic.COL_SYMMETRY_ERROR);
        assertTrue(errors.get(0) > 0.01, "the stand-in RGB kernel is asymmetric: " + errors.get(0));
        assertEquals(0.0, errors.get(7), 1e-7);
        List<Double> l1 = TestTables.doubles(table, WeightSymmetrizerLogic.COL_L1);
        for (int c = 4; c < 8; c++) {
            assertEquals(l1.get(3), l1.get(c), 1e-6 * l1.get(3), "every window channel has the same kernel");
        }
        assertArrayEquals(KernelSymmetrizer.channelL1(RGB), l1.subList(0, 3).stream().mapToDouble(Double::doubleValue).toArray(), 1e-9);
    }

    @Test
    void noneKeepsTheAsymmetryAndTheSourceKernelAllowsARerun() throws Exception {
        node.set(WeightSymmetrizerParameters.CFG_STRATEGY, "outer-average");
        SegmentationModelPortObject symmetric = (SegmentationModelPortObject) node.execute(pretrained)[0];
        // running "none" on the symmetrized model starts again from the kept RGB kernel
        node.set(WeightSymmetrizerParameters.CFG_STRATEGY, "none");
        SegmentationModelPortObject none = (SegmentationModelPortObject) node.execute(symmetric)[0];
        assertEquals("none", none.getSpec().getSymmetrization());
        try (ModelScope scope = ModelScope.cpu()) {
            NDManager m = scope.manager();
            ModelBundle bundle = none.loadBundle(scope);
            assertArrayEquals(KernelSymmetrizer.spread(RGB, 2 * K + 1).values(),
                    bundle.network().encoder().firstConvWeight().getArray().toFloatArray(), 1e-7f);
            float[][] y = outputAndFlipped(bundle, m);
            assertTrue(maxDifference(y[0], y[1]) > 1e-4, "an asymmetric first layer responds to the section order");
        }
        assertNull(node.warningMessage());
    }

    @Test
    void aModelWithoutSourceKernelIsSymmetrizedInPlaceWithAWarning() throws Exception {
        SegmentationModelPortObject plain = TestModels.port(1);
        SegmentationModelPortObject out = (SegmentationModelPortObject) node.execute(plain)[0];
        assertTrue(node.warningMessage().contains("in place"), node.warningMessage());
        assertEquals(0.0, out.getMetadata().symmetrization().symmetryErrorAfter(), 1e-7);
    }

    @Test
    void configureAndSettingsErrorsNameTheSetting() {
        InvalidSettingsException input = assertThrows(InvalidSettingsException.class,
                () -> node.configure((PortObjectSpec) null));
        assertTrue(input.getMessage().contains("Segmentation Model"), input.getMessage());
        NodeSettings bad = node.settings();
        bad.addString(WeightSymmetrizerParameters.CFG_STRATEGY, "mirror");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(bad));
        assertTrue(e.getMessage().startsWith(WeightSymmetrizerParameters.TITLE_STRATEGY) && e.getMessage().contains("mirror"),
                e.getMessage());
    }

    @Test
    void cancelGivesNoOutput() {
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(0, pretrained));
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(1, pretrained));
    }

    @Test
    void settingsRoundTripAndDialogCoversEverySetting() throws Exception {
        node.set(WeightSymmetrizerParameters.CFG_STRATEGY, "outer-average");
        NodeSettings saved = node.settings();
        Path xml = dir.resolve("settings.xml");
        node.saveNodeSettingsXml(xml, "Weight Symmetrizer");
        assertEquals(saved, NodeTestHarness.of(new WeightSymmetrizerNodeFactory()).loadNodeSettingsXml(xml).settings());
        // the dialog shows one widget per saved setting; applying what it shows reproduces the settings
        assertEquals(node.settingKeys(), node.widgetKeys());
        WeightSymmetrizerParameters shown = node.parameters();
        assertEquals(SymmetrizationStrategy.OUTER_AVERAGE, shown.strategy);
        assertEquals(saved, NodeTestHarness.of(new WeightSymmetrizerNodeFactory()).applyParameters(shown).settings());
        assertTrue(SegmentationModelPortObjectSpec.NOT_SYMMETRIZED.equals(pretrained.getSpec().getSymmetrization()));
    }
}
