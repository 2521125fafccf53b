package org.emsym.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.WindowSpec;
import org.junit.jupiter.api.Test;

/** The tiled predictor over the project's real U-Net (ResNet-18 encoder, small decoder, random weights). */
class UNetTilePredictionTest {

    @Test
    void uNetChannelsAreReadFromItsFirstConvolutionAndItsTilesBlendIntoProbabilities() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            UNet net = UNet.builder().setEncoder(ResNetEncoder.resnet18(5)).optDecoderChannels(16, 16, 8, 8, 4)
                    .build();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 5, 64, 64));
            try (BlockTileModel model = BlockTileModel.builder(net).manager(manager).classes(1).source("unet").build()) {
                assertEquals(5, model.inputChannels(), "from conv1's (64, 5, 7, 7) weight");
                IllegalArgumentException wrongK = assertThrows(IllegalArgumentException.class,
                        () -> TiledVolumePredictor.builder(model, WindowSpec.of(1)));
                assertTrue(wrongK.getMessage().contains("fits context k=2"), wrongK.getMessage());

                ArrayVolume image = TiledVolumePredictorTest.randomVolume(new VolumeShape(3, 80, 72), 5);
                TiledVolumePredictor predictor = TiledVolumePredictor.builder(model, WindowSpec.of(2))
                        .tileSize(64, 64).overlap(16).batchSize(2).build();
                float[][] p = predictor.probabilities(image).readSlab(0, 3);
                for (float[] section : p) {
                    for (float v : section) {
                        // closed interval: a float32 sigmoid of a logit above ~17 is exactly 1.0f, and the
                        // unseeded random weights depend on what earlier tests drew from the engine's RNG
                        assertTrue(v >= 0 && v <= 1, "sigmoid probabilities: " + v);
                    }
                }
                assertEquals(3L * 2 * 2, predictor.counters().tiles());

                TiledVolumePredictor badTile = TiledVolumePredictor.builder(model, WindowSpec.of(2)).tileSize(48, 48)
                        .build();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> badTile.probabilities(image).readSection(0));
                assertTrue(e.getMessage().contains("unet") && e.getMessage().contains("48"), e.getMessage());
            }
        }
    }
}
