package org.emsym.engine.synth;

import java.util.Objects;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * Settings of {@link SyntheticEmGenerator}. Lengths are in pixels (xy pixel size), intensities in
 * 8-bit grey levels. Start from a preset with {@link #builder(SynthPreset)} and override single knobs:
 *
 * <pre>{@code
 * SynthConfig c = SynthConfig.builder(SynthPreset.FIBSEM_ISOTROPIC).shape(new VolumeShape(16, 128, 128)).seed(7).build();
 * }</pre>
 */
public final class SynthConfig {

    /** The bundled default shape: 24 sections of 256 x 256. */
    public static final VolumeShape DEFAULT_SHAPE = new VolumeShape(24, 256, 256);

    private final VolumeShape shape;
    private final long seed;
    private final SynthPreset preset;
    private final double pixelSizeNm;
    private final double zStep;
    private final double meanCellDiameter;
    private final double cellSizeSigma;
    private final double cellElongation;
    private final double warpAmplitude;
    private final double membraneThicknessMin;
    private final double membraneThicknessMax;
    private final double mitochondriaPerCell;
    private final double cytoplasmIntensity;
    private final double membraneIntensity;
    private final double mitochondriaIntensity;
    private final double textureAmplitude;
    private final double blurSigma;
    private final double shotNoise;
    private final double readNoise;
    private final double sectionGainJitter;
    private final double sectionOffsetJitter;
    private final double misalignment;

    private SynthConfig(Builder b) {
        shape = b.shape;
        seed = b.seed;
        preset = b.preset;
        pixelSizeNm = b.pixelSizeNm;
        zStep = b.zStep;
        meanCellDiameter = b.meanCellDiameter;
        cellSizeSigma = b.cellSizeSigma;
        cellElongation = b.cellElongation;
        warpAmplitude = b.warpAmplitude;
        membraneThicknessMin = b.membraneThicknessMin;
        membraneThicknessMax = b.membraneThicknessMax;
        mitochondriaPerCell = b.mitochondriaPerCell;
        cytoplasmIntensity = b.cytoplasmIntensity;
        membraneIntensity = b.membraneIntensity;
        mitochondriaIntensity = b.mitochondriaIntensity;
        textureAmplitude = b.textureAmplitude;
        blurSigma = b.blurSigma;
        shotNoise = b.shotNoise;
        readNoise = b.readNoise;
        sectionGainJitter = b.sectionGainJitter;
        sectionOffsetJitter = b.sectionOffsetJitter;
        misalignment = b.misalignment;
    }

    /** A builder holding the {@link SynthPreset#SSTEM_ANISOTROPIC} settings. */
    public static Builder builder() {
        return builder(SynthPreset.SSTEM_ANISOTROPIC);
    }

    /** A builder holding the settings of {@code preset}, the default shape and seed 0. */
    public static Builder builder(SynthPreset preset) {
        return new Builder(Objects.requireNonNull(preset, "preset"));
    }

    /** The preset's settings unchanged. */
    public static SynthConfig of(SynthPreset preset) {
        return builder(preset).build();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public VolumeShape shape() {
        return shape;
    }

    public long seed() {
        return seed;
    }

    /** The preset the knobs started from (knobs may have been overridden since). */
    public SynthPreset preset() {
        return preset;
    }

    /** Physical size of one xy pixel in nm; the section spacing is {@code zStep() * pixelSizeNm()}. */
    public double pixelSizeNm() {
        return pixelSizeNm;
    }

    /** Section spacing in xy pixels: 12.5 for 50 nm ssTEM sections at 4 nm pixels, 1 for isotropic data. */
    public double zStep() {
        return zStep;
    }

    /** Voxel size of the generated volumes. */
    public VoxelSize voxelSize() {
        return VoxelSize.nm(zStep * pixelSizeNm, pixelSizeNm, pixelSizeNm);
    }

    /** Mean 3-D cell diameter in pixels. */
    public double meanCellDiameter() {
        return meanCellDiameter;
    }

    /** Sigma of the log-normal distribution of cell radii (0 = all cells of one size). */
    public double cellSizeSigma() {
        return cellSizeSigma;
    }

    /**
     * How many times longer than wide cells are along z (1 = isotropic). Neurites run roughly
     * across the sections, so boundaries mostly cut them steeply rather than grazing them.
     */
    public double cellElongation() {
        return cellElongation;
    }

    /**
     * Largest displacement, in pixels, of the smooth domain warp that bends the Voronoi facets (its
     * feature size is 0.8 cell diameters; at most 1/8 of the diameter is accepted).
     */
    public double warpAmplitude() {
        return warpAmplitude;
    }

    /** Thinnest membrane in pixels (measured across the membrane). */
    public double membraneThicknessMin() {
        return membraneThicknessMin;
    }

    /** Thickest membrane in pixels. */
    public double membraneThicknessMax() {
        return membraneThicknessMax;
    }

    /** Mitochondria density: the mean number of mitochondria per cell (Poisson distributed). */
    public double mitochondriaPerCell() {
        return mitochondriaPerCell;
    }

    /** Grey level of cytoplasm before texture, blur, gain and noise. */
    public double cytoplasmIntensity() {
        return cytoplasmIntensity;
    }

    /** Grey level at the centre of a membrane. */
    public double membraneIntensity() {
        return membraneIntensity;
    }

    /** Grey level of mitochondrial matrix. */
    public double mitochondriaIntensity() {
        return mitochondriaIntensity;
    }

    /** Amplitude, in grey levels, of the band-limited cytoplasm texture. */
    public double textureAmplitude() {
        return textureAmplitude;
    }

    /** Sigma in pixels of the Gaussian point-spread function applied within each section. */
    public double blurSigma() {
        return blurSigma;
    }

    /** Shot noise: noise variance per grey level of signal (Poisson-like, variance proportional to intensity). */
    public double shotNoise() {
        return shotNoise;
    }

    /** Standard deviation of the signal-independent Gaussian read noise, in grey levels. */
    public double readNoise() {
        return readNoise;
    }

    /** Standard deviation of the per-section relative gain (0.05 = 5 %). */
    public double sectionGainJitter() {
        return sectionGainJitter;
    }

    /** Standard deviation of the per-section offset in grey levels. */
    public double sectionOffsetJitter() {
        return sectionOffsetJitter;
    }

    /** Standard deviation in pixels of each section's independent xy misalignment. */
    public double misalignment() {
        return misalignment;
    }

    @Override
    public String toString() {
        return "SynthConfig[" + preset + ", shape " + shape + ", seed " + seed + ", zStep " + zStep
                + ", cell diameter " + meanCellDiameter + " (sigma " + cellSizeSigma + ", elongation " + cellElongation
                + "), membranes "
                + membraneThicknessMin + "-" + membraneThicknessMax + " px, mitochondria/cell " + mitochondriaPerCell
                + ", blur " + blurSigma + ", shot " + shotNoise + ", read " + readNoise + "]";
    }

    /** Collects settings; {@link #build()} checks them. */
    public static final class Builder {
        private VolumeShape shape = DEFAULT_SHAPE;
        private long seed;
        private final SynthPreset preset;
        private double pixelSizeNm = 4;
        private double zStep;
        private double meanCellDiameter;
        private double cellSizeSigma;
        private double cellElongation;
        private double warpAmplitude;
        private double membraneThicknessMin = 5;
        private double membraneThicknessMax = 9;
        private double mitochondriaPerCell;
        private double cytoplasmIntensity;
        private double membraneIntensity;
        private double mitochondriaIntensity;
        private double textureAmplitude;
        private double blurSigma;
        private double shotNoise;
        private double readNoise;
        private double sectionGainJitter;
        private double sectionOffsetJitter;
        private double misalignment;

        private Builder(SynthPreset preset) {
            this.preset = preset;
            // Values chosen so that EmImageStats of the output matches the real ISBI 2012 figures
            // (see SyntheticEmGeneratorTest#defaultStackMatchesRealSsTemFigures).
            meanCellDiameter = 80;
            cellSizeSigma = 0.3;
            cellElongation = 1.6;
            warpAmplitude = 5;
            mitochondriaPerCell = 1.0;
            cytoplasmIntensity = 143;
            membraneIntensity = 70;
            mitochondriaIntensity = 80;
            textureAmplitude = 30;
            blurSigma = 1.0;
            shotNoise = 0.45;
            readNoise = 5;
            switch (preset) {
                case SSTEM_ANISOTROPIC -> {
                    zStep = 12.5;
                    sectionGainJitter = 0.06;
                    sectionOffsetJitter = 6;
                    misalignment = 1.0;
                }
                case FIBSEM_ISOTROPIC -> {
                    zStep = 1;
                    sectionGainJitter = 0.01;
                    sectionOffsetJitter = 1;
                    misalignment = 0.2;
                }
                default -> throw new IllegalArgumentException("unknown preset " + preset);
            }
        }

        private Builder(SynthConfig c) {
            shape = c.shape;
            seed = c.seed;
            preset = c.preset;
            pixelSizeNm = c.pixelSizeNm;
            zStep = c.zStep;
            meanCellDiameter = c.meanCellDiameter;
            cellSizeSigma = c.cellSizeSigma;
            cellElongation = c.cellElongation;
            warpAmplitude = c.warpAmplitude;
            membraneThicknessMin = c.membraneThicknessMin;
            membraneThicknessMax = c.membraneThicknessMax;
            mitochondriaPerCell = c.mitochondriaPerCell;
            cytoplasmIntensity = c.cytoplasmIntensity;
            membraneIntensity = c.membraneIntensity;
            mitochondriaIntensity = c.mitochondriaIntensity;
            textureAmplitude = c.textureAmplitude;
            blurSigma = c.blurSigma;
            shotNoise = c.shotNoise;
            readNoise = c.readNoise;
            sectionGainJitter = c.sectionGainJitter;
            sectionOffsetJitter = c.sectionOffsetJitter;
            misalignment = c.misalignment;
        }

        public Builder shape(VolumeShape shape) {
            this.shape = Objects.requireNonNull(shape, "shape");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder pixelSizeNm(double nm) {
            this.pixelSizeNm = nm;
            return this;
        }

        public Builder zStep(double zStep) {
            this.zStep = zStep;
            return this;
        }

        public Builder meanCellDiameter(double px) {
            this.meanCellDiameter = px;
            return this;
        }

        public Builder cellSizeSigma(double sigma) {
            this.cellSizeSigma = sigma;
            return this;
        }

        public Builder cellElongation(double factor) {
            this.cellElongation = factor;
            return this;
        }

        public Builder warpAmplitude(double px) {
            this.warpAmplitude = px;
            return this;
        }

        /** Membrane thickness range in pixels; each boundary between two cells gets its own thickness in it. */
        public Builder membraneThickness(double minPx, double maxPx) {
            this.membraneThicknessMin = minPx;
            this.membraneThicknessMax = maxPx;
            return this;
        }

        public Builder mitochondriaPerCell(double mean) {
            this.mitochondriaPerCell = mean;
            return this;
        }

        public Builder cytoplasmIntensity(double grey) {
            this.cytoplasmIntensity = grey;
            return this;
        }

        public Builder membraneIntensity(double grey) {
            this.membraneIntensity = grey;
            return this;
        }

        public Builder mitochondriaIntensity(double grey) {
            this.mitochondriaIntensity = grey;
            return this;
        }

        public Builder textureAmplitude(double grey) {
            this.textureAmplitude = grey;
            return this;
        }

        public Builder blurSigma(double px) {
            this.blurSigma = px;
            return this;
        }

        public Builder shotNoise(double variancePerGrey) {
            this.shotNoise = variancePerGrey;
            return this;
        }

        public Builder readNoise(double sd) {
            this.readNoise = sd;
            return this;
        }

        public Builder sectionGainJitter(double relativeSd) {
            this.sectionGainJitter = relativeSd;
            return this;
        }

        public Builder sectionOffsetJitter(double sd) {
            this.sectionOffsetJitter = sd;
            return this;
        }

        public Builder misalignment(double sdPx) {
            this.misalignment = sdPx;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first setting that is out of range
         */
        public SynthConfig build() {
            positive("pixelSizeNm", pixelSizeNm);
            positive("zStep", zStep);
            positive("meanCellDiameter", meanCellDiameter);
            range("cellSizeSigma", cellSizeSigma, 0, 1);
            range("cellElongation", cellElongation, 0.2, 10);
            // The warp's wavelength scales with the cell diameter; a bounded amplitude keeps it gentle
            // enough that neighbouring pixels on either side of a boundary both fall on the membrane.
            range("warpAmplitude", warpAmplitude, 0, meanCellDiameter / 8);
            range("membraneThicknessMin", membraneThicknessMin, 1, meanCellDiameter / 2);
            range("membraneThicknessMax", membraneThicknessMax, membraneThicknessMin, meanCellDiameter / 2);
            range("mitochondriaPerCell", mitochondriaPerCell, 0, 10);
            range("cytoplasmIntensity", cytoplasmIntensity, 0, 255);
            range("membraneIntensity", membraneIntensity, 0, 255);
            range("mitochondriaIntensity", mitochondriaIntensity, 0, 255);
            range("textureAmplitude", textureAmplitude, 0, 255);
            range("blurSigma", blurSigma, 0, 20);
            range("shotNoise", shotNoise, 0, 255);
            range("readNoise", readNoise, 0, 255);
            range("sectionGainJitter", sectionGainJitter, 0, 0.5);
            range("sectionOffsetJitter", sectionOffsetJitter, 0, 255);
            range("misalignment", misalignment, 0, meanCellDiameter);
            return new SynthConfig(this);
        }

        private static void positive(String name, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("synthetic EM setting " + name + " must be positive, got " + value);
            }
        }

        private static void range(String name, double value, double min, double max) {
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException(
                        "synthetic EM setting " + name + " must lie in [" + min + ", " + max + "], got " + value);
            }
        }
    }
}
