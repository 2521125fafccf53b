package org.emsym.engine.interop.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spec operations the exporter writes for each normalization, applied as an importer applies them, map a
 * volume as EMSym's own {@link Normalizer} does (up to the spec's eps of 1e-6 in the divisor).
 */
class PreprocessingTest {

    @ParameterizedTest
    @ValueSource(strings = {"TYPE_MAX", "MIN_MAX", "PERCENTILE", "MEAN_STD", "NONE"})
    void exportedOperationsMapAVolumeAsTheNormalizerDoes(String method) throws IOException {
        NormalizationSpec spec = switch (method) {
            case "TYPE_MAX" -> NormalizationSpec.typeMax();
            case "MIN_MAX" -> NormalizationSpec.minMax();
            case "PERCENTILE" -> NormalizationSpec.percentile(2, 98);
            case "MEAN_STD" -> NormalizationSpec.meanStd();
            default -> NormalizationSpec.none();
        };
        ArrayVolume volume = ArrayVolume.zeros(new VolumeShape(3, 40, 50), PixelType.UINT8);
        SplittableRandom random = new SplittableRandom(7);
        for (int z = 0; z < 3; z++) {
            for (int i = 0; i < 40 * 50; i++) {
                volume.section(z)[i] = Math.round(Math.max(0, Math.min(255, 100 + 40 * random.nextGaussian() + 10 * z)));
            }
        }
        Preprocessing pre = new Preprocessing(PackageExporter.preprocessing(spec, PixelType.UINT8));
        UnaryOperator<float[]> exported = pre.fit(volume);
        UnaryOperator<float[]> own = Normalizer.fit(volume, spec).sectionTransform();
        double max = 0;
        double range = 0;
        for (int z = 0; z < 3; z++) {
            float[] a = exported.apply(volume.readSection(z));
            float[] b = own.apply(volume.readSection(z));
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i] - b[i]));
                range = Math.max(range, Math.abs(b[i]));
            }
        }
        assertTrue(range > 0.5, method + ": the mapped values are not all near 0");
        assertTrue(max <= 1e-5, method + " " + pre + ": max abs diff to the Normalizer " + max);
        assertEquals("ensure_dtype", pre.steps().get(0).id());
    }
}
