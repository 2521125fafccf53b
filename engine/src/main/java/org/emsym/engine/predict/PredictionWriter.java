package org.emsym.engine.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.emsym.engine.metrics.ComponentLabels;
import org.emsym.engine.metrics.ConnectedComponents;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.engine.volume.io.VolumeFormat;
import org.emsym.engine.volume.io.VolumeFormatException;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.VolumeWriters;
import org.emsym.engine.volume.io.ZarrWriter;

/**
 * Runs a {@link TiledVolumePredictor} over an image and writes its outputs: the probability volume
 * (FLOAT32), the thresholded label volume (UINT8) and the connected components of that mask (instance
 * labels), each atomically (temporary file, then move).
 *
 * <p>The network runs once: the lazily predicted probabilities stream slab by slab into their file (an
 * OME-Zarr target, {@code *.zarr}, is predicted block by block instead, see {@link Builder#zarr}),
 * and the labels are then thresholded from that written file; without a probability target they are
 * thresholded from the prediction as it streams. All targets are checked before anything is computed,
 * so a bad setting writes nothing. A failure or cancel while an output is written leaves no trace of
 * that output; outputs completed before it stay (each is whole and valid on its own).
 */
public final class PredictionWriter {

    /** Largest integer a float holds exactly. */
    private static final int MAX_FLOAT_LABEL = 1 << 24;

    private final TiledVolumePredictor predictor;
    private final OutputTarget probabilities;
    private final OutputTarget labels;
    private final OutputTarget components;
    private final ComponentMode componentMode;
    private final double threshold;
    private final int foregroundLabel;
    private final ZarrWriter zarrWriter;
    private final int[] blockChunks;
    private final List<String> sectionNames;

    private PredictionWriter(Builder b) {
        this.zarrWriter = b.zarrWriter;
        this.blockChunks = b.blockChunks;
        this.predictor = b.predictor;
        this.probabilities = b.probabilities;
        this.labels = b.labels;
        this.components = b.components;
        this.componentMode = b.componentMode;
        this.threshold = b.threshold;
        this.foregroundLabel = b.foregroundLabel;
        this.sectionNames = b.sectionNames;
    }

    public static Builder builder(TiledVolumePredictor predictor) {
        return new Builder(predictor);
    }

    /**
     * Predicts {@code image} and writes the requested outputs.
     *
     * @throws IllegalArgumentException if the window does not fit the image (nothing written)
     * @throws VolumeFormatException if a target cannot hold its output (nothing written)
     * @throws IOException if writing fails
     * @throws org.emsym.engine.progress.CanceledException if canceled; the output being written is dropped
     */
    public PredictionSummary write(Volume image) throws IOException {
        PredictedVolume predicted = predictor.probabilities(image);
        long start = System.nanoTime();
        PredictionCounters c = predictor.counters();
        long sections0 = c.sections();
        long tiles0 = c.tiles();
        long batches0 = c.batches();
        double model0 = c.modelSeconds();
        Volume source = predicted;
        List<Path> written = new ArrayList<>();
        if (probabilities != null) {
            if (probabilities.isOmeZarrImage()) {
                new BlockwisePredictor(predictor, blockChunks[0], blockChunks[1], blockChunks[2])
                        .predictImage(image, probabilities.path(), zarrWriter);
            } else {
                VolumeWriters.write(predicted, probabilities.path(), probabilities.dataset(), sectionNames);
            }
            written.add(probabilities.path());
            source = reopen(probabilities);
        }
        Volume mask = new ThresholdedVolume(source, threshold, foregroundLabel);
        if (labels != null) {
            VolumeWriters.write(mask, labels.path(), labels.dataset(), sectionNames);
            written.add(labels.path());
            mask = reopen(labels);
        }
        int componentCount = -1;
        if (components != null) {
            ComponentLabels found = switch (componentMode) {
                case SECTIONS_4 -> ConnectedComponents.labelSections(mask, 0, ConnectedComponents.Connectivity2D.FOUR);
                case SECTIONS_8 -> ConnectedComponents.labelSections(mask, 0, ConnectedComponents.Connectivity2D.EIGHT);
                case VOLUME_6 -> ConnectedComponents.label3d(mask, 0);
            };
            componentCount = found.count();
            VolumeWriters.write(componentVolume(found, image), components.path(), components.dataset(),
                    sectionNames);
            written.add(components.path());
        }
        return new PredictionSummary(image.source(), image.shape(), List.copyOf(written), c.sections() - sections0,
                c.tiles() - tiles0, c.batches() - batches0, componentCount, (System.nanoTime() - start) / 1e9,
                c.modelSeconds() - model0);
    }

    /** A written output read back: its HDF5 dataset, or, for an OME-Zarr target, its full resolution. */
    private static Volume reopen(OutputTarget target) throws IOException {
        boolean zarr = VolumeFormat.detect(target.path()) == VolumeFormat.ZARR;
        // as stored: the sections a SKIP boundary leaves without a window are NaN by design
        return VolumeReaders.openAsStored(target.path(), zarr ? null : target.dataset());
    }

    /** Instance labels as UINT16 when they fit, else FLOAT32 (exact integers up to 2^24). */
    private Volume componentVolume(ComponentLabels found, Volume image) throws VolumeFormatException {
        if (found.count() > MAX_FLOAT_LABEL) {
            throw VolumeFormatException.of(components.path(), found.count()
                    + " components exceed the largest label a FLOAT32 volume holds exactly (" + MAX_FLOAT_LABEL + ")");
        }
        PixelType type = found.count() <= PixelType.UINT16.maxValue() ? PixelType.UINT16 : PixelType.FLOAT32;
        if (type == PixelType.FLOAT32) {
            components.validate(type, "components");
        }
        String source = found.count() + " components (" + componentMode + ") of " + image.source();
        return new Volume() {
            @Override
            public VolumeShape shape() {
                return image.shape();
            }

            @Override
            public PixelType pixelType() {
                return type;
            }

            @Override
            public VoxelSize voxelSize() {
                return image.voxelSize();
            }

            @Override
            public String source() {
                return source;
            }

            /** Converts only the requested sections, so the labels are not held twice. */
            @Override
            public float[][] readSlab(int z0, int z1) {
                Volume.checkSlab(shape(), z0, z1);
                float[][] out = new float[z1 - z0][];
                for (int z = z0; z < z1; z++) {
                    int[] labels = found.section(z);
                    float[] values = new float[labels.length];
                    for (int i = 0; i < labels.length; i++) {
                        values[i] = labels[i];
                    }
                    out[z - z0] = values;
                }
                return out;
            }
        };
    }

    /** Targets and thresholding of a {@link PredictionWriter}; at least one target is required. */
    public static final class Builder {
        private final TiledVolumePredictor predictor;
        private OutputTarget probabilities;
        private OutputTarget labels;
        private OutputTarget components;
        private ComponentMode componentMode = ComponentMode.SECTIONS_4;
        private double threshold = 0.5;
        private int foregroundLabel = 255;
        private ZarrWriter zarrWriter = ZarrWriter.builder().build(); // ZarrWriter's defaults: chunks 16 x 256 x 256, 3 levels
        private int[] blockChunks = {1, 4, 4};
        private List<String> sectionNames;

        private Builder(TiledVolumePredictor predictor) {
            this.predictor = Objects.requireNonNull(predictor, "predictor");
        }

        /** Where the FLOAT32 probabilities of the predictor's output class go. */
        public Builder probabilities(OutputTarget target) {
            this.probabilities = Objects.requireNonNull(target, "probabilities");
            return this;
        }

        /** Where the UINT8 mask (foreground label where p >= threshold, else 0) goes. */
        public Builder labels(OutputTarget target) {
            this.labels = Objects.requireNonNull(target, "labels");
            return this;
        }

        /**
         * Where the instance labels go: connected components of the mask, numbered 1..n (0 background),
         * UINT16, or FLOAT32 beyond 65535 components. Holds one int per voxel of the volume in memory.
         */
        public Builder components(OutputTarget target, ComponentMode mode) {
            this.components = Objects.requireNonNull(target, "components");
            this.componentMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * File names for the sections of outputs written as PNG section folders, one per section (e.g. the input
         * folder's {@code 19.png .. 29.png}, from {@code VolumeReaders.sectionNames}); default, or null or empty:
         * {@code 0000.png ..}.
         */
        public Builder sectionNames(List<String> names) {
            this.sectionNames = names == null || names.isEmpty() ? null : List.copyOf(names);
            return this;
        }

        /** Probability at or above which a voxel is foreground (default 0.5). */
        public Builder threshold(double threshold) {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("threshold must lie in (0, 1), got " + threshold);
            }
            this.threshold = threshold;
            return this;
        }

        /**
         * How an OME-Zarr probabilities target ({@code *.zarr}) is written (chunks, compressor, Zarr format,
         * levels); default chunks 16 x 256 x 256, zlib, Zarr v2, 3 levels. Such a target is predicted block by
         * block ({@link BlockwisePredictor#predictImage}), never holding the volume, and a rerun on the same
         * target finishes only the missing blocks. Label and component targets in Zarr go through
         * {@link VolumeWriters} ({@code x.zarr/labels/<name>} becomes a label image of {@code x.zarr}).
         */
        public Builder zarr(ZarrWriter writer) {
            this.zarrWriter = Objects.requireNonNull(writer, "writer");
            return this;
        }

        /** Chunks per block of an OME-Zarr probabilities target (z, y, x), default 1 x 4 x 4. */
        public Builder zarrBlock(int chunksZ, int chunksY, int chunksX) {
            if (chunksZ <= 0 || chunksY <= 0 || chunksX <= 0) {
                throw new IllegalArgumentException("chunks per block must be positive, got " + chunksZ + " x "
                        + chunksY + " x " + chunksX);
            }
            this.blockChunks = new int[] {chunksZ, chunksY, chunksX};
            return this;
        }

        /** Label value of foreground voxels, 1..255 (default 255, like the ISBI 2012 cell labels). */
        public Builder foregroundLabel(int value) {
            if (value < 1 || value > 255) {
                throw new IllegalArgumentException("foreground label must be 1..255, got " + value);
            }
            this.foregroundLabel = value;
            return this;
        }

        /**
         * @throws VolumeFormatException if no target is set, two targets share a path, or a target
         *     cannot hold its output type (names the path)
         */
        public PredictionWriter build() throws VolumeFormatException {
            if (probabilities == null && labels == null && components == null) {
                throw new VolumeFormatException(
                        "prediction needs at least one output: probabilities, labels or components");
            }
            Set<Path> paths = new HashSet<>();
            for (OutputTarget t : new OutputTarget[] {probabilities, labels, components}) {
                if (t != null && !paths.add(t.path().toAbsolutePath().normalize())) {
                    throw VolumeFormatException.of(t.path(), "used for two prediction outputs; give each its own file");
                }
            }
            if (probabilities != null) {
                probabilities.validate(PixelType.FLOAT32, "probabilities");
            }
            if (labels != null) {
                labels.validate(PixelType.UINT8, "labels");
            }
            if (components != null) {
                components.validate(PixelType.UINT16, "components");
            }
            return new PredictionWriter(this);
        }
    }
}
