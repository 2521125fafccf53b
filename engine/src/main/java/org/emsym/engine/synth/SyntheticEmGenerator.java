package org.emsym.engine.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.emsym.engine.util.GaussianBlur;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * Generates EM-like z-stacks with exact ground truth, seeded and deterministic.
 *
 * <p>Geometry lives in a continuous 3-D tissue space in xy-pixel units, sections lying
 * {@link SynthConfig#zStep()} apart. Cells are Laguerre cells of log-normally sized seeds, seen
 * through a smooth domain warp so facets bend like real membranes; everything is a function of the 3-D
 * position, so cells are continuous across sections and an ssTEM z step of 12.5 px makes them change
 * markedly between sections. Membranes are the points within half a boundary's own thickness (between
 * the configured minimum and maximum) of the boundary; mitochondria are ellipsoids kept clear of their
 * cell's membrane. Each section is then rendered: cytoplasm with band-limited texture (continuous in z
 * like the geometry), dark membranes and mitochondria with cristae, Gaussian blur, per-section gain
 * and offset, and Poisson-like shot noise plus Gaussian read noise. Each section is also shifted by
 * its own small xy misalignment, image and ground truth alike, as after imperfect registration.
 */
public final class SyntheticEmGenerator {

    /** Edge of the square tiles for which the candidate cells are collected. */
    private static final int TILE = 32;
    /** Membranes darken up to this multiple of their half thickness (the mask stops at 1). */
    private static final double MEMBRANE_HALO = 1.25;
    /** Mitochondria keep this multiple of the local half thickness clear of the membrane. */
    private static final double MITOCHONDRIA_CLEARANCE = 1.5;

    private final SynthConfig config;
    private final VolumeShape shape;
    private final CellTessellation cells;
    private final List<List<Mitochondrion>> mitochondriaByCell;
    private final double warpScale;
    private final LatticeNoise warpX;
    private final LatticeNoise warpY;
    private final LatticeNoise warpZ;
    private final LatticeNoise thickness;
    private final LatticeNoise fineTexture;
    private final LatticeNoise mediumTexture;
    private final LatticeNoise coarseTexture;
    private final LatticeNoise broadTexture;
    private final LatticeNoise granules;
    private final double[] shiftX;
    private final double[] shiftY;
    private final double[] gain;
    private final double[] offset;

    private SyntheticEmGenerator(SynthConfig config) {
        this.config = config;
        this.shape = config.shape();
        SplittableRandom rnd = new SplittableRandom(config.seed());
        int depth = shape.depth();
        shiftX = new double[depth];
        shiftY = new double[depth];
        gain = new double[depth];
        offset = new double[depth];
        for (int z = 0; z < depth; z++) {
            shiftX[z] = config.misalignment() * rnd.nextGaussian();
            shiftY[z] = config.misalignment() * rnd.nextGaussian();
            gain[z] = Math.max(0.5, 1 + config.sectionGainJitter() * rnd.nextGaussian());
            offset[z] = config.sectionOffsetJitter() * rnd.nextGaussian();
        }
        warpScale = 0.8 * config.meanCellDiameter();
        warpX = new LatticeNoise(rnd.nextLong());
        warpY = new LatticeNoise(rnd.nextLong());
        warpZ = new LatticeNoise(rnd.nextLong());
        thickness = new LatticeNoise(rnd.nextLong());
        fineTexture = new LatticeNoise(rnd.nextLong());
        mediumTexture = new LatticeNoise(rnd.nextLong());
        coarseTexture = new LatticeNoise(rnd.nextLong());
        granules = new LatticeNoise(rnd.nextLong());
        broadTexture = new LatticeNoise(rnd.nextLong());

        // Seeds fill the volume plus a margin, so cells at the edges are cut like real ones.
        double margin = config.meanCellDiameter() + config.warpAmplitude() + 4 * config.misalignment();
        double e = config.cellElongation();
        double[] lo = {-margin, -margin, -margin / e};
        double[] hi = {shape.width() + margin, shape.height() + margin, ((depth - 1) * config.zStep() + margin) / e};
        cells = CellTessellation.sample(lo, hi, config.meanCellDiameter(), config.cellSizeSigma(), rnd.split());
        mitochondriaByCell = new ArrayList<>(cells.count);
        SplittableRandom mitoRnd = rnd.split();
        for (int i = 0; i < cells.count; i++) {
            List<Mitochondrion> list = new ArrayList<>(1);
            for (int k = poisson(config.mitochondriaPerCell(), mitoRnd); k > 0; k--) {
                list.add(Mitochondrion.randomIn(cells, i, mitoRnd));
            }
            mitochondriaByCell.add(list);
        }
    }

    /**
     * Generates a stack. The same configuration (seed included) always gives the same stack.
     *
     * @throws IllegalArgumentException if more than 65535 cells would be needed for the cell labels
     */
    public static SyntheticStack generate(SynthConfig config) {
        return new SyntheticEmGenerator(config).run();
    }

    private SyntheticStack run() {
        int depth = shape.depth();
        float[][] image = new float[depth][];
        float[][] membranes = new float[depth][];
        float[][] mitochondria = new float[depth][];
        int[][] cellIndex = new int[depth][];
        // Sections are independent, so rendering them in parallel keeps the result deterministic.
        IntStream.range(0, depth).parallel().forEach(z -> {
            Section s = renderSection(z);
            image[z] = s.image;
            membranes[z] = s.membrane;
            mitochondria[z] = s.mitochondria;
            cellIndex[z] = s.cell;
        });
        VoxelSize voxelSize = config.voxelSize();
        String source = "synthetic " + config.preset() + " seed " + config.seed();
        return new SyntheticStack(
                new ArrayVolume(shape, PixelType.UINT8, voxelSize, image, source + " image"),
                new ArrayVolume(shape, PixelType.UINT8, voxelSize, membranes, source + " membranes"),
                new ArrayVolume(shape, PixelType.UINT8, voxelSize, mitochondria, source + " mitochondria"),
                new ArrayVolume(shape, PixelType.UINT16, voxelSize, relabel(cellIndex), source + " cells"));
    }

    /** One rendered section: grey values and, per pixel, the seed index of its cell. */
    private record Section(float[] image, float[] membrane, float[] mitochondria, int[] cell) {
    }

    private Section renderSection(int z) {
        int h = shape.height();
        int w = shape.width();
        float[] image = new float[h * w];
        float[] membrane = new float[h * w];
        float[] mito = new float[h * w];
        int[] cell = new int[h * w];
        double amp = config.warpAmplitude();
        double reach = MEMBRANE_HALO * config.membraneThicknessMax() / 2 + 1;
        double pz = z * config.zStep();
        double elongation = config.cellElongation();
        for (int ty = 0; ty < h; ty += TILE) {
            for (int tx = 0; tx < w; tx += TILE) {
                int ty1 = Math.min(h, ty + TILE);
                int tx1 = Math.min(w, tx + TILE);
                // Every warped point of the tile, in cell space, widened by the membrane reach.
                double[] lo = {tx + shiftX[z] - amp - reach, ty + shiftY[z] - amp - reach, (pz - amp - reach) / elongation};
                double[] hi = {tx1 - 1 + shiftX[z] + amp + reach, ty1 - 1 + shiftY[z] + amp + reach,
                    (pz + amp + reach) / elongation};
                int[] candidates = cells.candidates(lo, hi);
                for (int y = ty; y < ty1; y++) {
                    for (int x = tx; x < tx1; x++) {
                        renderPixel(x + shiftX[z], y + shiftY[z], pz, candidates, y * w + x, image, membrane, mito, cell);
                    }
                }
            }
        }
        GaussianBlur.blurInPlace(image, h, w, config.blurSigma());
        addNoise(z, image);
        return new Section(image, membrane, mito, cell);
    }

    private void renderPixel(double px, double py, double pz, int[] candidates, int index,
            float[] image, float[] membrane, float[] mito, int[] cell) {
        // Warped tissue coordinates; |noise| <= 1 bounds the shift by the warp amplitude.
        double amp = config.warpAmplitude();
        double qx = px + amp * warpX.at(px / warpScale, py / warpScale, pz / warpScale);
        double qy = py + amp * warpY.at(px / warpScale, py / warpScale, pz / warpScale);
        double qz = pz + amp * warpZ.at(px / warpScale, py / warpScale, pz / warpScale);
        // Cell space: z shrunk by the elongation, so cells built there are elongated along z.
        double cz = qz / config.cellElongation();

        int own = candidates[0];
        double ownDistance = cells.powerDistance(own, qx, qy, cz);
        for (int k = 1; k < candidates.length; k++) {
            double d = cells.powerDistance(candidates[k], qx, qy, cz);
            if (d < ownDistance) {
                ownDistance = d;
                own = candidates[k];
            }
        }
        // Tissue-space distance to the boundary with cell j, relative to that boundary's half thickness.
        // Each pair of cells has its own thickness, varied a little along the boundary.
        double tMin = config.membraneThicknessMin();
        double tMax = config.membraneThicknessMax();
        double thicknessVariation = 1 + 0.15 * thickness.at(qx / 12, qy / 12, qz / 12);
        double relative = Double.POSITIVE_INFINITY;
        for (int j : candidates) {
            if (j == own) {
                continue;
            }
            double planeDistance = (cells.powerDistance(j, qx, qy, cz) - ownDistance)
                    / cells.boundaryGradient(own, j, config.cellElongation());
            double t = (tMin + (tMax - tMin) * pairFraction(own, j)) * thicknessVariation;
            t = Math.max(tMin, Math.min(tMax, t));
            relative = Math.min(relative, planeDistance / (t / 2));
        }
        cell[index] = own;
        boolean onMembrane = relative < 1;
        membrane[index] = onMembrane ? 1 : 0;

        double texture = config.textureAmplitude() * texture(qx, qy, qz);
        double grey = config.cytoplasmIntensity() + texture;
        if (relative > MITOCHONDRIA_CLEARANCE) {
            for (Mitochondrion m : mitochondriaByCell.get(own)) {
                double e = m.shape(qx, qy, cz);
                if (e < 1) {
                    mito[index] = 1;
                    double cristae = 10 * Math.cos(2 * Math.PI * m.axial(qx, qy, cz) / 5.0);
                    double rim = -30 * Math.exp(-sq((e - 0.9) / 0.12));
                    grey = config.mitochondriaIntensity() + 0.3 * texture + cristae + rim;
                    break;
                }
            }
        }
        double dark = 1 - smoothStep(0.5, MEMBRANE_HALO, relative);
        grey += dark * (config.membraneIntensity() + 0.3 * texture - grey);
        image[index] = (float) grey;
    }

    /**
     * Band-limited texture with a standard deviation of about 1: four octaves of value noise from
     * 1.6 to 20 px feature size, plus sparse dark granules (vesicles) about 3 px across.
     */
    private double texture(double x, double y, double z) {
        double t = 1.25 * fineTexture.at(x / 1.6, y / 1.6, z / 1.6)
                + 1.25 * mediumTexture.at(x / 3.5, y / 3.5, z / 3.5)
                + 1.25 * coarseTexture.at(x / 9, y / 9, z / 9)
                + 0.8 * broadTexture.at(x / 20, y / 20, z / 20);
        double g = granules.at(x / 2.5, y / 2.5, z / 2.5);
        return t - 4.0 * Math.max(0, g - 0.45);
    }

    /** Per-section gain and offset, then shot noise (variance proportional to signal) and read noise. */
    private void addNoise(int z, float[] image) {
        SplittableRandom rnd = new SplittableRandom(LatticeNoise.mix(config.seed() * 31 + z + 0x5EED));
        for (int i = 0; i < image.length; i++) {
            double signal = Math.max(0, gain[z] * image[i] + offset[z]);
            double sd = Math.sqrt(config.shotNoise() * signal + config.readNoise() * config.readNoise());
            double v = signal + sd * rnd.nextGaussian();
            image[i] = (float) Math.max(0, Math.min(255, Math.rint(v)));
        }
    }

    /** A fixed fraction in [0, 1) for the boundary between cells a and b, the same seen from either side. */
    private double pairFraction(int a, int b) {
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        long h = LatticeNoise.mix(config.seed() ^ (lo * 0x9E3779B97F4A7C15L + hi * 0xC2B2AE3D27D4EB4FL));
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Cell ids 1..n in order of first appearance (z, y, x). */
    private float[][] relabel(int[][] cellIndex) {
        int[] ids = new int[cells.count];
        int next = 0;
        float[][] out = new float[cellIndex.length][];
        for (int z = 0; z < cellIndex.length; z++) {
            int[] src = cellIndex[z];
            float[] dst = new float[src.length];
            for (int i = 0; i < src.length; i++) {
                int c = src[i];
                if (ids[c] == 0) {
                    ids[c] = ++next;
                    if (next > PixelType.UINT16.maxValue()) {
                        throw new IllegalArgumentException("shape " + shape + " holds more than 65535 cells of diameter "
                                + config.meanCellDiameter() + "; use a larger meanCellDiameter or a smaller shape");
                    }
                }
                dst[i] = ids[c];
            }
            out[z] = dst;
        }
        return out;
    }

    private static int poisson(double mean, SplittableRandom rnd) {
        double limit = Math.exp(-mean);
        double p = rnd.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rnd.nextDouble();
            k++;
        }
        return k;
    }

    private static double smoothStep(double edge0, double edge1, double v) {
        double t = Math.max(0, Math.min(1, (v - edge0) / (edge1 - edge0)));
        return t * t * (3 - 2 * t);
    }

    private static double sq(double v) {
        return v * v;
    }
}
