package org.emsym.engine.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    /** Sections 0..3 of 25 voxels holding 0..99 in order (section z holds 25z .. 25z+24). */
    private static ArrayVolume ramp(PixelType type) {
        float[][] sections = new float[4][25];
        for (int i = 0; i < 100; i++) {
            sections[i / 25][i % 25] = i;
        }
        return new ArrayVolume(new VolumeShape(4, 5, 5), type, sections);
    }

    @Test
    void minMaxUsesTheWholeVolumeNotTheTile() {
        ArrayVolume v = ramp(PixelType.UINT8);
        Normalizer n = Normalizer.fit(v, NormalizationSpec.minMax());
        assertEquals(0, n.offset());
        assertEquals(99, n.scale());
        // section 1 alone spans 25..49; mapped with the volume's statistics it lands at 25/99 .. 49/99
        float[] section = v.readSection(1);
        n.applyInPlace(section);
        assertEquals(25 / 99f, section[0], 1e-6);
        assertEquals(49 / 99f, section[24], 1e-6);
    }

    @Test
    void meanStdUsesPopulationStatistics() {
        // values 0..99: mean 49.5, population variance (100^2 - 1) / 12 = 833.25
        Normalizer n = Normalizer.fit(ramp(PixelType.UINT16), NormalizationSpec.meanStd());
        assertEquals(49.5, n.offset(), 1e-9);
        assertEquals(Math.sqrt(833.25), n.scale(), 1e-9);
        float[] values = {49.5f, 49.5f + (float) Math.sqrt(833.25)};
        n.applyInPlace(values);
        assertArrayEquals(new float[] {0f, 1f}, values, 1e-5f);
    }

    @Test
    void integerPercentilesAreExactNearestRankAndClipToUnitRange() {
        // 100 voxels 0..99: nearest rank of p=10 is ceil(10) = 10th value = 9; of p=90 is 90th value = 89
        Normalizer n = Normalizer.fit(ramp(PixelType.UINT8), NormalizationSpec.percentile(10, 90));
        assertEquals(9, n.offset());
        assertEquals(80, n.scale());
        float[] values = {0, 9, 49, 89, 99};
        n.applyInPlace(values);
        assertArrayEquals(new float[] {0f, 0f, 0.5f, 1f, 1f}, values, 1e-6f);
    }

    @Test
    void defaultPercentileRangeIgnoresRareOutliers() {
        // 10,000 voxels at 100..199 plus 10 bright outliers at 255 (0.1 %, above the 99.8th percentile)
        float[][] sections = new float[1][10_010];
        for (int i = 0; i < 10_000; i++) {
            sections[0][i] = 100 + i % 100;
        }
        for (int i = 10_000; i < 10_010; i++) {
            sections[0][i] = 255;
        }
        Volume v = new ArrayVolume(new VolumeShape(1, 10, 1001), PixelType.UINT8, sections);
        NormalizationSpec spec = NormalizationSpec.percentile();
        assertEquals(1.0, spec.lowPercentile());
        assertEquals(99.8, spec.highPercentile());
        Normalizer n = Normalizer.fit(v, spec);
        assertEquals(101, n.offset()); // rank ceil(100.1) = 101 -> second value level 101 (100 of each level)
        assertEquals(199 - 101, n.scale()); // rank ceil(9989.98) = 9990 -> level 199
    }

    @Test
    void floatPercentilesAreAccurateToTheHistogramBin() {
        Random random = new Random(11);
        float[][] sections = new float[3][10_000];
        for (float[] s : sections) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) (random.nextGaussian() * 3 - 7);
            }
        }
        Volume v = new ArrayVolume(new VolumeShape(3, 100, 100), PixelType.FLOAT32, sections);
        double[] exact = sortedPercentiles(sections, 2, 98);
        Normalizer n = Normalizer.fit(v, NormalizationSpec.percentile(2, 98));
        double binWidth = 50.0 / (1 << 20); // range of 30,000 N(0, 3) samples is well under 50
        assertEquals(exact[0], n.offset(), binWidth);
        assertEquals(exact[1] - exact[0], n.scale(), 2 * binWidth);
    }

    @Test
    void constantVolumeNeverDividesByZero() {
        float[][] sections = new float[2][9];
        for (float[] s : sections) {
            java.util.Arrays.fill(s, 42f);
        }
        for (PixelType type : PixelType.values()) {
            Volume v = new ArrayVolume(new VolumeShape(2, 3, 3), type, sections);
            for (NormalizationSpec spec : new NormalizationSpec[] {NormalizationSpec.minMax(),
                    NormalizationSpec.meanStd(), NormalizationSpec.percentile()}) {
                Normalizer n = Normalizer.fit(v, spec);
                assertEquals(1.0, n.scale(), spec + " " + type);
                float[] values = v.readSection(0);
                n.applyInPlace(values);
                for (float x : values) {
                    assertEquals(0f, x, spec + " " + type + " maps the constant to 0");
                }
            }
        }
    }

    @Test
    void noneLeavesValuesAndNormalizedViewMatchesApplyInPlace() {
        ArrayVolume v = ramp(PixelType.UINT8);
        float[] same = v.readSection(2);
        Normalizer.fit(v, NormalizationSpec.none()).applyInPlace(same);
        assertArrayEquals(v.readSection(2), same);

        Normalizer n = Normalizer.fit(v, NormalizationSpec.percentile(5, 95));
        Volume view = n.applyTo(v);
        assertEquals(PixelType.FLOAT32, view.pixelType());
        float[] direct = v.readSection(3);
        n.applyInPlace(direct);
        assertArrayEquals(direct, view.readSlab(3, 4)[0]);
    }

    @Test
    void nanVoxelsAreLeftOutOfStatistics() {
        float[][] sections = {{Float.NaN, 1, 3, Float.NaN}};
        Volume v = new ArrayVolume(new VolumeShape(1, 2, 2), PixelType.FLOAT32, sections);
        assertEquals(2.0, Normalizer.fit(v, NormalizationSpec.meanStd()).offset(), 1e-12);
        Normalizer minMax = Normalizer.fit(v, NormalizationSpec.minMax());
        assertEquals(1.0, minMax.offset());
        assertEquals(2.0, minMax.scale());
    }

    @Test
    void invalidPercentilesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> NormalizationSpec.percentile(50, 50));
        assertThrows(IllegalArgumentException.class, () -> NormalizationSpec.percentile(-1, 99));
        assertThrows(IllegalArgumentException.class, () -> NormalizationSpec.percentile(1, 101));
    }

    private static double[] sortedPercentiles(float[][] sections, double low, double high) {
        int n = sections.length * sections[0].length;
        float[] all = new float[n];
        for (int z = 0; z < sections.length; z++) {
            System.arraycopy(sections[z], 0, all, z * sections[0].length, sections[0].length);
        }
        java.util.Arrays.sort(all);
        int lowRank = (int) Math.ceil(low / 100 * n);
        int highRank = (int) Math.ceil(high / 100 * n);
        assertTrue(lowRank >= 1 && highRank <= n);
        return new double[] {all[lowRank - 1], all[highRank - 1]};
    }
}
