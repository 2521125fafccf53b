package org.emsym.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.junit.jupiter.api.Test;

class SyntheticEmGeneratorTest {

    private static final VolumeShape SMALL = new VolumeShape(6, 96, 96);

    private static SyntheticStack small(SynthPreset preset, long seed) {
        return SyntheticEmGenerator.generate(SynthConfig.builder(preset).shape(SMALL).seed(seed).build());
    }

    @Test
    void sameSeedGivesTheSameStackAndAnotherSeedAnotherOne() {
        SyntheticStack a = small(SynthPreset.SSTEM_ANISOTROPIC, 11);
        SyntheticStack b = small(SynthPreset.SSTEM_ANISOTROPIC, 11);
        SyntheticStack c = small(SynthPreset.SSTEM_ANISOTROPIC, 12);
        assertEquals(a, b);
        assertNotEquals(a.image(), c.image());
        assertNotEquals(a.cells(), c.cells());
    }

    @Test
    void outputsHaveTheirDeclaredTypesAndValueRanges() {
        SyntheticStack s = small(SynthPreset.SSTEM_ANISOTROPIC, 1);
        assertEquals(PixelType.UINT8, s.image().pixelType());
        assertEquals(PixelType.UINT8, s.membranes().pixelType());
        assertEquals(PixelType.UINT8, s.mitochondria().pixelType());
        assertEquals(PixelType.UINT16, s.cells().pixelType());
        assertEquals(VoxelSize.nm(50, 4, 4), s.image().voxelSize());
        int maxId = 0;
        for (int z = 0; z < SMALL.depth(); z++) {
            for (float v : s.image().section(z)) {
                assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), "grey value " + v);
            }
            for (ArrayVolume mask : new ArrayVolume[] {s.membranes(), s.mitochondria()}) {
                for (float v : mask.section(z)) {
                    assertTrue(v == 0 || v == 1, "mask value " + v);
                }
            }
            for (float v : s.cells().section(z)) {
                assertTrue(v >= 1 && v == Math.rint(v), "cell id " + v);
                maxId = Math.max(maxId, (int) v);
            }
        }
        assertTrue(maxId > 3, "a 96 x 96 field should cut several cells, got " + maxId);
    }

    @Test
    void membranesCoverEveryPlaceWhereTheCellIdChanges() {
        for (SynthPreset preset : SynthPreset.values()) {
            SyntheticStack s = small(preset, 2);
            int changes = 0;
            for (int z = 0; z < SMALL.depth(); z++) {
                float[] id = s.cells().section(z);
                float[] m = s.membranes().section(z);
                int w = SMALL.width();
                for (int y = 0; y < SMALL.height(); y++) {
                    for (int x = 0; x < w; x++) {
                        int i = y * w + x;
                        for (int j : new int[] {x + 1 < w ? i + 1 : -1, y + 1 < SMALL.height() ? i + w : -1}) {
                            if (j >= 0 && id[i] != id[j]) {
                                changes++;
                                assertTrue(m[i] == 1 && m[j] == 1,
                                        preset + ": cell id changes at z=" + z + " y=" + y + " x=" + x + " off the membrane");
                            }
                        }
                    }
                }
            }
            assertTrue(changes > 100, preset + ": expected cell boundaries, found " + changes + " id changes");
        }
    }

    @Test
    void membranesAreFiveToNinePixelsThick() {
        // FIB-SEM preset: cells barely change along z, so boundaries cut the sections nearly square on
        // and the in-plane width is close to the true thickness.
        SyntheticStack s = SyntheticEmGenerator.generate(
                SynthConfig.builder(SynthPreset.FIBSEM_ISOTROPIC).shape(new VolumeShape(2, 192, 192)).seed(4).build());
        double median = medianMembraneWidth(s.membranes(), 0);
        System.out.println("median in-plane membrane width (FIB-SEM preset): " + median);
        // The narrower of the horizontal and vertical runs through a pixel is the thickness for an
        // axis-aligned membrane and at most sqrt(2) times it for a diagonal one.
        assertTrue(median >= 5 && median <= 9 * Math.sqrt(2), "median membrane width " + median);
    }

    @Test
    void mitochondriaLieInsideSingleCellsClearOfMembranes() {
        SyntheticStack s = SyntheticEmGenerator.generate(SynthConfig.builder()
                .shape(SMALL).seed(3).mitochondriaPerCell(3).build());
        int count = 0;
        int w = SMALL.width();
        for (int z = 0; z < SMALL.depth(); z++) {
            float[] mito = s.mitochondria().section(z);
            float[] membrane = s.membranes().section(z);
            float[] id = s.cells().section(z);
            for (int i = 0; i < mito.length; i++) {
                if (mito[i] == 0) {
                    continue;
                }
                count++;
                assertEquals(0, membrane[i], "mitochondrion on a membrane at z=" + z + " index " + i);
                int x = i % w;
                for (int j : new int[] {x + 1 < w ? i + 1 : -1, i + w < mito.length ? i + w : -1}) {
                    if (j >= 0 && mito[j] == 1) {
                        assertEquals(id[i], id[j], "one mitochondrion spans two cells at z=" + z + " index " + i);
                    }
                }
            }
        }
        assertTrue(count > 0, "no mitochondria generated");
    }

    @Test
    void fibSemPresetIsFarMoreContinuousAcrossSectionsThanSsTem() {
        VolumeShape shape = new VolumeShape(8, 128, 128);
        EmImageStats sstem = statsOf(SynthConfig.builder(SynthPreset.SSTEM_ANISOTROPIC).shape(shape).seed(5).build());
        EmImageStats fibsem = statsOf(SynthConfig.builder(SynthPreset.FIBSEM_ISOTROPIC).shape(shape).seed(5).build());
        System.out.println("adjacent-section correlation: ssTEM " + sstem.adjacentSectionCorrelation() + ", FIB-SEM "
                + fibsem.adjacentSectionCorrelation());
        assertTrue(fibsem.adjacentSectionCorrelation() > 0.7, fibsem.toString());
        assertTrue(fibsem.adjacentSectionCorrelation() > sstem.adjacentSectionCorrelation() + 0.3,
                "FIB-SEM " + fibsem + " vs ssTEM " + sstem);
    }

    /** The bundled default (24 x 256 x 256, ssTEM preset, seed 0) matches the real ISBI 2012 figures. */
    @Test
    void defaultStackMatchesRealSsTemFigures() {
        SynthConfig config = SynthConfig.of(SynthPreset.SSTEM_ANISOTROPIC);
        assertEquals(SynthConfig.DEFAULT_SHAPE, config.shape());
        EmImageStats s = statsOf(config);
        System.out.println("synthetic ssTEM default " + config.shape() + ": " + s);
        RealEmTargets.assertMatchesSsTem(s);
    }

    @Test
    void shapesThatAreNotTileMultiplesAndSingleSectionsWork() {
        VolumeShape odd = new VolumeShape(1, 37, 70);
        SyntheticStack s = SyntheticEmGenerator.generate(SynthConfig.builder().shape(odd).seed(9).build());
        assertEquals(odd, s.image().shape());
        assertEquals(odd, s.cells().shape());
    }

    @Test
    void settingsOutOfRangeAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SynthConfig.builder().membraneThickness(9, 5).build());
        assertTrue(e.getMessage().contains("membraneThicknessMax"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SynthConfig.builder().zStep(0).build());
        assertTrue(e.getMessage().contains("zStep"), e.getMessage());
    }

    @Test
    void toBuilderKeepsEverySettingAndPresetsDiffer() throws ReflectiveOperationException {
        SynthConfig c = SynthConfig.builder(SynthPreset.FIBSEM_ISOTROPIC).seed(42).blurSigma(1.7)
                .textureAmplitude(12).misalignment(0.7).build();
        SynthConfig copy = c.toBuilder().build();
        int compared = 0;
        for (Method getter : SynthConfig.class.getDeclaredMethods()) {
            if (Modifier.isPublic(getter.getModifiers()) && !Modifier.isStatic(getter.getModifiers())
                    && getter.getParameterCount() == 0 && !getter.getName().equals("toBuilder")) {
                assertEquals(getter.invoke(c), getter.invoke(copy), getter.getName());
                compared++;
            }
        }
        assertTrue(compared > 20, "compared " + compared + " settings");
        assertEquals(1.7, copy.blurSigma());
        assertEquals(12, copy.textureAmplitude());
        assertEquals(SynthPreset.FIBSEM_ISOTROPIC, copy.preset());
        assertTrue(SynthConfig.of(SynthPreset.SSTEM_ANISOTROPIC).zStep() > SynthConfig.of(SynthPreset.FIBSEM_ISOTROPIC).zStep());
    }

    private static EmImageStats statsOf(SynthConfig config) {
        SyntheticStack s = SyntheticEmGenerator.generate(config);
        return EmImageStats.measure(s.image(), s.membranes());
    }

    /** Median over membrane pixels of the shorter of the horizontal and vertical membrane runs through them. */
    private static double medianMembraneWidth(ArrayVolume membranes, int z) {
        int h = membranes.shape().height();
        int w = membranes.shape().width();
        float[] m = membranes.section(z);
        int[] horizontal = new int[h * w];
        int[] vertical = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; ) {
                int end = x;
                while (end < w && m[y * w + end] == 1) {
                    end++;
                }
                for (int k = x; k < end; k++) {
                    horizontal[y * w + k] = end - x;
                }
                x = end == x ? x + 1 : end;
            }
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; ) {
                int end = y;
                while (end < h && m[end * w + x] == 1) {
                    end++;
                }
                for (int k = y; k < end; k++) {
                    vertical[k * w + x] = end - y;
                }
                y = end == y ? y + 1 : end;
            }
        }
        int[] widths = new int[h * w];
        int n = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] == 1) {
                widths[n++] = Math.min(horizontal[i], vertical[i]);
            }
        }
        assertTrue(n > 0, "no membrane pixels");
        int[] sorted = Arrays.copyOf(widths, n);
        Arrays.sort(sorted);
        return sorted[n / 2];
    }
}
