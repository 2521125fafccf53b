package org.emsym.engine.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeFormatException;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.VolumeWriters;

/**
 * Runs a {@link TiledVolumePredictor} over an image and writes its outputs: the probability volume
 * (FLOAT32) and the thresholded label volume (UINT8), each atomically (temporary file, then move).
 *
 * <p>The network runs once: the lazily predicted probabilities stream slab by slab into their file,
 * and the labels are then thresholded from that written file; without a probability target they are
 * thresholded from the prediction as it streams. All targets are checked before anything is computed,
 * so a bad setting writes nothing. A failure or cancel while an output is written leaves no trace of
 * that output; outputs completed before it stay (each is whole and valid on its own).
 */
public final class PredictionWriter {

    private final TiledVolumePredictor predictor;
    private final OutputTarget probabilities;
    private final OutputTarget labels;
    private final double threshold;
    private final int foregroundLabel;

    private PredictionWriter(Builder b) {
        this.predictor = b.predictor;
        this.probabilities = b.probabilities;
        this.labels = b.labels;
        this.threshold = b.threshold;
        this.foregroundLabel = b.foregroundLabel;
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
        Volume source = predicted;
        List<Path> written = new ArrayList<>();
        if (probabilities != null) {
            VolumeWriters.write(predicted, probabilities.path(), probabilities.dataset());
            written.add(probabilities.path());
            source = VolumeReaders.open(probabilities.path(), probabilities.dataset());
        }
        if (labels != null) {
            VolumeWriters.write(new ThresholdedVolume(source, threshold, foregroundLabel), labels.path(),
                    labels.dataset());
            written.add(labels.path());
        }
        PredictionCounters c = predictor.counters();
        return new PredictionSummary(image.source(), image.shape(), List.copyOf(written), c.sections(), c.tiles(),
                c.batches(), (System.nanoTime() - start) / 1e9, c.modelSeconds());
    }

    /** Targets and thresholding of a {@link PredictionWriter}; at least one target is required. */
    public static final class Builder {
        private final TiledVolumePredictor predictor;
        private OutputTarget probabilities;
        private OutputTarget labels;
        private double threshold = 0.5;
        private int foregroundLabel = 255;

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

        /** Probability at or above which a voxel is foreground (default 0.5). */
        public Builder threshold(double threshold) {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("threshold must lie in (0, 1), got " + threshold);
            }
            this.threshold = threshold;
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
            if (probabilities == null && labels == null) {
                throw new VolumeFormatException("prediction needs at least one output: probabilities or labels");
            }
            Set<Path> paths = new HashSet<>();
            for (OutputTarget t : new OutputTarget[] {probabilities, labels}) {
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
            return new PredictionWriter(this);
        }
    }
}
