package org.emsym.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.emsym.engine.synth.SynthConfig;
import org.emsym.engine.synth.SyntheticEmGenerator;
import org.emsym.engine.synth.SyntheticStack;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.WindowSpec;
import org.junit.jupiter.api.Test;

/** A short U-Net training on synthetic EM: the validation loss must go down. Not a timed test. */
class SyntheticTrainingTest {

    @Test
    void uNetOnSyntheticEmLowersValidationLoss() {
        SyntheticStack stack = SyntheticEmGenerator.generate(
                SynthConfig.builder().shape(new VolumeShape(8, 64, 64)).seed(5).build());
        TrainingData data = TrainingData.builder(stack.image(), stack.membranes(), WindowSpec.of(1))
                .normalization(NormalizationSpec.percentile()).build();
        SegmentationTrainingConfig config = SegmentationTrainingConfig.builder().epochs(3).stepsPerEpoch(5).batchSize(4).patchSize(32)
                .learningRate(3e-3).validationRange(7, 8).device("cpu").seed(3).build();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            UNet net = UNet.builder().setEncoder(ResNetEncoder.resnet18(3)).optDecoderChannels(16, 16, 8, 8, 8).build();
            SegmentationTrainingResult result = SegmentationTrainer.builder(config).build().fit(manager, net, data);
            List<EpochRecord> h = result.history();
            assertEquals(3, h.size());
            assertTrue(h.get(2).validationLoss() < h.get(0).validationLoss(), "history: " + h);
        }
    }
}
