package org.emsym.engine.interop.bioimageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.BoundaryMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Acceptance on the published package {@code unet2d_nuclei_broad} (../shared/bioimageio; skipped when absent):
 * its {@code test_input.npy} through the declared preprocessing ({@code zero_mean_unit_variance} over x, y),
 * the network and the declared postprocessing ({@code sigmoid}), run by the tiled predictor, reproduces
 * {@code test_output.npy} within 1e-4, with ONNX Runtime and with TorchScript weights.
 */
class PublishedPackageTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @EnumSource(WeightFormat.class)
    void testInputGivesTestOutputThroughTheTiledPredictor(WeightFormat format) throws IOException {
        Path dir = SharedPackages.unet2dNucleiBroad();
        try (ModelPackage pkg = ModelPackage.open(dir); PackageModel model = pkg.load(format)) {
            assertEquals(0, model.context());
            assertEquals(32, model.halo());
            assertTrue(model.tileConstraint().accepts(512, 512) && !model.tileConstraint().accepts(256, 256));
            NamedTensor in = pkg.testInput();
            NamedTensor expected = pkg.testOutput();
            assertArrayEquals(new long[] {1, 1, 512, 512}, in.shape());
            ArrayVolume image = new ArrayVolume(new VolumeShape(1, 512, 512), PixelType.FLOAT32, new float[][] {in.values()});
            TiledVolumePredictor predictor = model.predictor(image, BoundaryMode.REFLECT).build();
            float[] actual = predictor.probabilities(image).readSection(0);
            double max = 0;
            for (int i = 0; i < actual.length; i++) {
                max = Math.max(max, Math.abs(actual[i] - expected.values()[i]));
            }
            System.out.printf(Locale.ROOT, "unet2d_nuclei_broad %s: max abs diff to test_output.npy %.3g%n", format, max);
            assertTrue(max <= TOLERANCE, format + ": max abs diff " + max);
        }
    }
}
