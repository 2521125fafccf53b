package org.emsym.engine.synth;

import java.util.Arrays;
import java.util.Objects;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;

/**
 * Image statistics that characterise an EM stack, used to calibrate {@link SyntheticEmGenerator} on
 * real data and to check its output. Sections are read one at a time, so lazily read volumes are not
 * held whole in memory.
 *
 * <ul>
 *   <li><b>membrane fraction</b>: share of voxels whose mask value is non-zero;</li>
 *   <li><b>membrane / cytoplasm mean</b>: mean grey value on and off the mask;</li>
 *   <li><b>neighbour correlation</b>: Pearson correlation of horizontally adjacent pixels (lag 1),
 *       computed per section and averaged over sections;</li>
 *   <li><b>noise sd</b>: robust estimate of the pixel noise. Per section, the residual
 *       {@code r = I - box3x3(I)} of every interior pixel is formed; for white noise of sd s its sd is
 *       {@code s * sqrt(8/9)}, so {@code s = 1.4826 * median|r| / sqrt(8/9)} (median absolute value
 *       scaled to a Gaussian sd). The median keeps edges and texture from dominating. The reported
 *       value is the median over sections. On spatially correlated noise it measures the noise at the
 *       1–3 pixel scale; on the real ISBI 2012 ssTEM sections it gives about 9.6 grey levels;</li>
 *   <li><b>adjacent-section correlation</b>: Pearson correlation of sections z and z+1 pixel by
 *       pixel, averaged over all pairs ({@code NaN} for a single section).</li>
 * </ul>
 */
public final class EmImageStats {

    /** Scales a median absolute deviation to the standard deviation of a Gaussian. */
    private static final double MAD_TO_SD = 1.4826;

    private final double membraneFraction;
    private final double membraneMean;
    private final double cytoplasmMean;
    private final double neighbourCorrelation;
    private final double noiseSd;
    private final double adjacentSectionCorrelation;

    private EmImageStats(double membraneFraction, double membraneMean, double cytoplasmMean,
            double neighbourCorrelation, double noiseSd, double adjacentSectionCorrelation) {
        this.membraneFraction = membraneFraction;
        this.membraneMean = membraneMean;
        this.cytoplasmMean = cytoplasmMean;
        this.neighbourCorrelation = neighbourCorrelation;
        this.noiseSd = noiseSd;
        this.adjacentSectionCorrelation = adjacentSectionCorrelation;
    }

    /**
     * Measures {@code image} with {@code membraneMask} (non-zero = membrane).
     *
     * @throws IllegalArgumentException if the two volumes differ in shape, or a section is narrower
     *     or lower than 3 pixels
     */
    public static EmImageStats measure(Volume image, Volume membraneMask) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(membraneMask, "membraneMask");
        VolumeShape shape = image.shape();
        if (!shape.equals(membraneMask.shape())) {
            throw new IllegalArgumentException("membrane mask " + membraneMask.source() + " has shape "
                    + membraneMask.shape() + " but image " + image.source() + " has shape " + shape);
        }
        if (shape.height() < 3 || shape.width() < 3) {
            throw new IllegalArgumentException("image " + image.source() + " of shape " + shape
                    + " is too small for statistics: sections need at least 3 x 3 pixels");
        }
        long membraneCount = 0;
        double membraneSum = 0;
        double cytoplasmSum = 0;
        double neighbourSum = 0;
        double adjacentSum = 0;
        double[] sectionNoise = new double[shape.depth()];
        float[] previous = null;
        for (int z = 0; z < shape.depth(); z++) {
            float[] section = image.readSection(z);
            float[] mask = membraneMask.readSection(z);
            for (int i = 0; i < section.length; i++) {
                if (mask[i] != 0) {
                    membraneCount++;
                    membraneSum += section[i];
                } else {
                    cytoplasmSum += section[i];
                }
            }
            neighbourSum += horizontalCorrelation(section, shape.height(), shape.width());
            sectionNoise[z] = noiseSd(section, shape.height(), shape.width());
            if (previous != null) {
                adjacentSum += pearson(previous, section);
            }
            previous = section;
        }
        long total = shape.voxelCount();
        return new EmImageStats(
                (double) membraneCount / total,
                membraneCount == 0 ? Double.NaN : membraneSum / membraneCount,
                membraneCount == total ? Double.NaN : cytoplasmSum / (total - membraneCount),
                neighbourSum / shape.depth(),
                median(sectionNoise),
                shape.depth() < 2 ? Double.NaN : adjacentSum / (shape.depth() - 1));
    }

    /** Share of voxels on the membrane mask. */
    public double membraneFraction() {
        return membraneFraction;
    }

    /** Mean grey value on the membrane mask ({@code NaN} if the mask is empty). */
    public double membraneMean() {
        return membraneMean;
    }

    /** Mean grey value off the membrane mask ({@code NaN} if the mask covers everything). */
    public double cytoplasmMean() {
        return cytoplasmMean;
    }

    /** Mean over sections of the lag-1 horizontal Pearson correlation. */
    public double neighbourCorrelation() {
        return neighbourCorrelation;
    }

    /** Median over sections of the box-residual MAD noise estimate, in grey levels. */
    public double noiseSd() {
        return noiseSd;
    }

    /** Mean Pearson correlation of adjacent sections ({@code NaN} for a single section). */
    public double adjacentSectionCorrelation() {
        return adjacentSectionCorrelation;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "membrane fraction %.3f, membrane mean %.1f, cytoplasm mean %.1f, neighbour corr %.3f, noise sd %.2f,"
                        + " adjacent-section corr %.3f",
                membraneFraction, membraneMean, cytoplasmMean, neighbourCorrelation, noiseSd,
                adjacentSectionCorrelation);
    }

    private static double horizontalCorrelation(float[] s, int height, int width) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x + 1 < width; x++) {
                double a = s[row + x];
                double b = s[row + x + 1];
                sa += a;
                sb += b;
                saa += a * a;
                sbb += b * b;
                sab += a * b;
            }
        }
        return correlation((long) height * (width - 1), sa, sb, saa, sbb, sab);
    }

    static double pearson(float[] p, float[] q) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int i = 0; i < p.length; i++) {
            double a = p[i];
            double b = q[i];
            sa += a;
            sb += b;
            saa += a * a;
            sbb += b * b;
            sab += a * b;
        }
        return correlation(p.length, sa, sb, saa, sbb, sab);
    }

    /** Pearson correlation from sums; 0 when either side is constant. */
    private static double correlation(long n, double sa, double sb, double saa, double sbb, double sab) {
        double ma = sa / n;
        double mb = sb / n;
        double va = saa / n - ma * ma;
        double vb = sbb / n - mb * mb;
        if (va <= 0 || vb <= 0) {
            return 0;
        }
        return (sab / n - ma * mb) / Math.sqrt(va * vb);
    }

    private static double noiseSd(float[] s, int height, int width) {
        float[] residual = new float[(height - 2) * (width - 2)];
        int k = 0;
        for (int y = 1; y < height - 1; y++) {
            for (int x = 1; x < width - 1; x++) {
                double box = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int row = (y + dy) * width;
                    box += s[row + x - 1] + s[row + x] + s[row + x + 1];
                }
                residual[k++] = (float) Math.abs(s[y * width + x] - box / 9);
            }
        }
        Arrays.sort(residual);
        return MAD_TO_SD * medianOfSorted(residual) / Math.sqrt(8.0 / 9.0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double medianOfSorted(float[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
