package org.emsym.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.junit.jupiter.api.Test;

class EmImageStatsTest {

    private static final VolumeShape SHAPE = new VolumeShape(3, 128, 128);

    @Test
    void fractionAndMeansFollowTheMask() {
        ArrayVolume image = ArrayVolume.zeros(SHAPE, PixelType.UINT8);
        ArrayVolume mask = ArrayVolume.zeros(SHAPE, PixelType.UINT8);
        for (int z = 0; z < SHAPE.depth(); z++) {
            for (int y = 0; y < SHAPE.height(); y++) {
                for (int x = 0; x < SHAPE.width(); x++) {
                    boolean membrane = x % 4 == 0; // a quarter of the columns
                    mask.set(z, y, x, membrane ? 1 : 0);
                    image.set(z, y, x, membrane ? 80 : 140);
                }
            }
        }
        EmImageStats s = EmImageStats.measure(image, mask);
        assertEquals(0.25, s.membraneFraction(), 1e-12);
        assertEquals(80, s.membraneMean(), 1e-9);
        assertEquals(140, s.cytoplasmMean(), 1e-9);
    }

    @Test
    void noiseEstimateRecoversWhiteNoiseOnSmoothBackground() {
        SplittableRandom rnd = new SplittableRandom(3);
        ArrayVolume image = ArrayVolume.zeros(new VolumeShape(2, 256, 256), PixelType.FLOAT32);
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 256; y++) {
                for (int x = 0; x < 256; x++) {
                    // A linear ramp is removed exactly by the 3x3 box residual.
                    image.set(z, y, x, (float) (60 + 0.3 * x + 0.2 * y + 9 * rnd.nextGaussian()));
                }
            }
        }
        EmImageStats s = EmImageStats.measure(image, ArrayVolume.zeros(image.shape(), PixelType.UINT8));
        assertEquals(9, s.noiseSd(), 0.3);
    }

    @Test
    void noiseFreeRampHasNoNoise() {
        ArrayVolume image = ArrayVolume.zeros(SHAPE, PixelType.FLOAT32);
        for (int z = 0; z < SHAPE.depth(); z++) {
            for (int y = 0; y < SHAPE.height(); y++) {
                for (int x = 0; x < SHAPE.width(); x++) {
                    image.set(z, y, x, x + 2 * y);
                }
            }
        }
        assertEquals(0, EmImageStats.measure(image, ArrayVolume.zeros(SHAPE, PixelType.UINT8)).noiseSd(), 1e-4);
    }

    @Test
    void correlationsSeparateSmoothFromWhiteAndRepeatedFromIndependent() {
        SplittableRandom rnd = new SplittableRandom(5);
        ArrayVolume white = ArrayVolume.zeros(SHAPE, PixelType.FLOAT32);
        ArrayVolume smoothRepeated = ArrayVolume.zeros(SHAPE, PixelType.FLOAT32);
        for (int z = 0; z < SHAPE.depth(); z++) {
            for (int y = 0; y < SHAPE.height(); y++) {
                for (int x = 0; x < SHAPE.width(); x++) {
                    white.set(z, y, x, (float) rnd.nextGaussian());
                    smoothRepeated.set(z, y, x, (float) Math.sin(2 * Math.PI * (x + 0.5 * y) / 64));
                }
            }
        }
        ArrayVolume mask = ArrayVolume.zeros(SHAPE, PixelType.UINT8);
        EmImageStats w = EmImageStats.measure(white, mask);
        EmImageStats r = EmImageStats.measure(smoothRepeated, mask);
        assertEquals(0, w.neighbourCorrelation(), 0.03);
        assertEquals(0, w.adjacentSectionCorrelation(), 0.03);
        assertTrue(r.neighbourCorrelation() > 0.99, r.toString());
        assertEquals(1, r.adjacentSectionCorrelation(), 1e-9);
    }

    @Test
    void singleSectionHasNoAdjacentCorrelation() {
        VolumeShape one = new VolumeShape(1, 16, 16);
        EmImageStats s = EmImageStats.measure(ArrayVolume.zeros(one, PixelType.UINT8), ArrayVolume.zeros(one, PixelType.UINT8));
        assertTrue(Double.isNaN(s.adjacentSectionCorrelation()));
        assertTrue(Double.isNaN(s.membraneMean()), "empty mask has no membrane mean");
    }

    @Test
    void maskOfAnotherShapeIsRejectedNamingBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmImageStats.measure(
                ArrayVolume.zeros(SHAPE, PixelType.UINT8), ArrayVolume.zeros(new VolumeShape(3, 128, 64), PixelType.UINT8)));
        assertTrue(e.getMessage().contains(SHAPE.toString()) && e.getMessage().contains("x=64"), e.getMessage());
    }

    /** Measures the real ISBI 2012 sections; skipped where the shared folder is absent. */
    @Test
    void realIsbiSectionsLieAroundTheTargets() throws IOException {
        Optional<Path> isbi = IsbiSections.folder();
        assumeTrue(isbi.isPresent(), "shared ISBI 2012 sections not found (set -Demsym.shared or put ../shared beside the repo)");
        ArrayVolume image = IsbiSections.images(isbi.get());
        EmImageStats s = EmImageStats.measure(image, IsbiSections.membranes(isbi.get()));
        System.out.println("ISBI 2012 real (" + image.shape() + "): " + s);
        RealEmTargets.assertMatchesSsTem(s);
    }
}
