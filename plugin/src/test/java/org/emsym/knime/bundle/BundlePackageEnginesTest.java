package org.emsym.knime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.emsym.engine.interop.ImportedModel;
import org.emsym.engine.interop.bioimageio.ModelPackage;
import org.emsym.engine.interop.bioimageio.PackageModel;
import org.emsym.engine.interop.bioimageio.WeightFormat;
import org.emsym.knime.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The bundle carries engine-interop's light part without ONNX Runtime and TensorFlow (plugin/pom.xml excludes them;
 * this test runs on the bundle's class path). A bioimage.io package then runs its torchscript weights on DJL
 * PyTorch, and its {@code weights.onnx} fails naming the field and the missing engine instead of DJL's "engine not
 * found".
 */
class BundlePackageEnginesTest {

    @Test
    void theHeavyEnginesAreNotOnTheBundleClassPath() {
        assertFalse(ImportedModel.available(ImportedModel.ONNX_RUNTIME), "ONNX Runtime is on the plugin's class path");
        assertFalse(ImportedModel.available(ImportedModel.TENSORFLOW), "TensorFlow is on the plugin's class path");
        assertTrue(ImportedModel.available("PyTorch"), "DJL PyTorch, which runs torchscript weights, is missing");
    }

    @Test
    void thePublishedPackageRunsItsTorchscriptWeightsAndItsOnnxWeightsFailNamingTheField() throws IOException {
        Optional<Path> published = SharedData.resolve("bioimageio/unet2d_nuclei_broad");
        assumeTrue(published.isPresent(), "../shared/bioimageio/unet2d_nuclei_broad is absent");
        try (ModelPackage pkg = ModelPackage.open(published.get())) {
            assertEquals(Set.of(WeightFormat.ONNX, WeightFormat.TORCHSCRIPT), pkg.weightFormats());
            assertEquals(WeightFormat.TORCHSCRIPT, pkg.preferredFormat()); // ONNX would be preferred with ONNX Runtime
            try (PackageModel model = pkg.load()) {
                assertEquals(1, model.inputChannels());
                assertEquals(32, model.halo());
            }
            IOException e = assertThrows(IOException.class, () -> pkg.load(WeightFormat.ONNX));
            assertTrue(e.getMessage().contains("weights.onnx") && e.getMessage().contains("ONNX Runtime")
                    && e.getMessage().contains("bioimageio.yaml") && e.getMessage().contains("torchscript"),
                    e.getMessage());
        }
    }
}
