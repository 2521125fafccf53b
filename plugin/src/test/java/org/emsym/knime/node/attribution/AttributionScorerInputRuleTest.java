package org.emsym.knime.node.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.emsym.engine.attribution.AttributionConfig;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.ChannelShares;
import org.emsym.engine.attribution.GradientAttributor;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.volume.NormalizationMethod;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Window;
import org.emsym.engine.window.WindowSpec;
import org.emsym.knime.node.learner.SegmentationLearnerNodeFactory;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.testing.BinaryModels;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.knime.core.node.BufferedDataTable;

import ai.djl.ndarray.NDManager;

/**
 * The Attribution Scorer feeds the network what the Learner trained it on and what the Predictor feeds it: for an
 * 8-bit volume that declares no normalization, sections divided by 255 (the rule the bundle records), never the raw
 * 0..255 values.
 */
class AttributionScorerInputRuleTest {

    private static final int SIZE = 32;

    @Test
    void scoresOnTheInputTheModelWasTrainedWith() throws Exception {
        VolumePortObject image = BinaryModels.synthetic("image.tif", 6, SIZE);
        VolumePortObject labels = BinaryModels.synthetic("membranes.tif", 6, SIZE);
        assertEquals(PixelType.UINT8, image.getSpec().getPixelType());
        assertEquals(NormalizationMethod.NONE, image.getSpec().getNormalization().method());
        // the Learner's own setting keys (tiny budget): 1 epoch of 2 steps of two 32 x 32 patches
        SegmentationModelPortObject trained = (SegmentationModelPortObject) NodeTestHarness
                .of(new SegmentationLearnerNodeFactory()).set("epochs", 1).set("steps_per_epoch", 2)
                .set("batch_size", 2).set("patch_size", SIZE).set("validation_end", 6).set("validation_start", 5)
                .set("device", "cpu").execute(BinaryModels.port(1), image, labels)[0];
        assertEquals(NormalizationMethod.TYPE_MAX, trained.getMetadata().inputNormalization().method());

        int centre = 2;
        BufferedDataTable shares = (BufferedDataTable) NodeTestHarness.of(new AttributionScorerNodeFactory())
                .set(AttributionScorerParameters.CFG_METHOD, "SALIENCY").set(AttributionScorerParameters.CFG_TILE_SIZE, SIZE)
                .set(AttributionScorerParameters.CFG_CENTRES, String.valueOf(centre)).execute(trained, image)[0];

        // what the Predictor feeds: sections divided by the 8-bit maximum, computed here independently
        StackWindower windower = new StackWindower(image.getVolume(), WindowSpec.of(1), s -> {
            for (int i = 0; i < s.length; i++) {
                s[i] /= 255f;
            }
            return s;
        });
        try (ModelScope scope = ModelScope.cpu()) {
            NDManager manager = scope.manager();
            ModelBundle bundle = trained.loadBundle(scope);
            Window w = windower.window(centre, 0, 0, SIZE, SIZE);
            ChannelShares expected = new GradientAttributor(bundle.network(),
                    AttributionConfig.builder().method(AttributionMethod.SALIENCY).seed(42).build())
                    .attribute(manager, w.channels(), SIZE, SIZE, null).shares();
            List<String> labelsZ = List.of("z-1", "z", "z+1");
            for (int c = 0; c < 3; c++) {
                double got = TestTables.doubles(shares, AttributionScorerLogic.SHARE_PREFIX + labelsZ.get(c)).get(0);
                assertEquals(expected.share(c), got, 1e-6, "share of " + labelsZ.get(c));
            }
        }
    }
}
