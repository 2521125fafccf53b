package org.emsym.engine.predict;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.emsym.engine.volume.VolumeShape;

/**
 * What a {@link PredictionWriter} run did.
 *
 * @param image the predicted image's source
 * @param shape its shape
 * @param written files and folders written, in order
 * @param sections sections predicted
 * @param tiles tiles run through the model (TTA variants included)
 * @param forwardPasses batches run through the model
 * @param components connected components found, or -1 when not asked for
 * @param seconds wall time of prediction and writing
 * @param modelSeconds time spent inside the model
 */
public record PredictionSummary(String image, VolumeShape shape, List<Path> written, long sections, long tiles,
        long forwardPasses, int components, double seconds, double modelSeconds) {

    public PredictionSummary {
        written = List.copyOf(written);
    }

    public String toText() {
        return String.format(Locale.ROOT, "predicted %s %s: %d sections, %d tiles in %d forward passes, "
                + "%.2f s (%.2f s in the model)%s; wrote %s", image, shape, sections, tiles, forwardPasses, seconds,
                modelSeconds, components >= 0 ? ", " + components + " components" : "", written);
    }
}
