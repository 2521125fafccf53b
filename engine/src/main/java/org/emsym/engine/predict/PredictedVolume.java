package org.emsym.engine.predict;

import java.util.Arrays;
import java.util.Objects;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.ForwardingVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.TileBlender;
import org.emsym.engine.window.Tiling;

/**
 * The probability volume of a {@link TiledVolumePredictor} over one image, computed on demand: each
 * {@link #readSlab} call reads the image sections its windows need (once, in one slab), predicts its
 * sections and forgets them again. Reading a section twice predicts it twice, so stream it once, e.g.
 * straight into a writer.
 *
 * <p>FLOAT32 values in [0, 1] (NaN for sections without a window under the SKIP boundary mode), same
 * shape and voxel size as the image.
 */
public final class PredictedVolume extends ForwardingVolume {

    private final TiledVolumePredictor predictor;
    private final Volume image;
    private final VolumeShape shape;
    private final StackWindower layout;

    PredictedVolume(TiledVolumePredictor predictor, Volume image) {
        super(image); // same shape and voxel size as the image
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.image = image;
        this.shape = image.shape();
        this.layout = new StackWindower(image, predictor.spec());
    }

    public Volume image() {
        return image;
    }

    @Override
    public PixelType pixelType() {
        return PixelType.FLOAT32;
    }

    @Override
    public String source() {
        return "class " + predictor.outputClass() + " probabilities of " + image.source() + " by "
                + predictor.model().source();
    }

    /**
     * Predicts sections {@code z0} to {@code z1}. Holds the slab's output and at most
     * {@code z1 - z0 + 2k} image sections.
     */
    @Override
    public float[][] readSlab(int z0, int z1) {
        Volume.checkSlab(shape, z0, z1);
        HeldSections input = readInput(z0, z1);
        StackWindower windower = new StackWindower(input, predictor.spec());
        Tiling tiling = predictor.tiler().tile(shape.height(), shape.width());
        TileBlender blender = new TileBlender(tiling, predictor.blend(), predictor.model().classes());
        int plane = shape.sectionSize();
        int offset = predictor.outputClass() * plane;
        float[][] out = new float[z1 - z0][];
        for (int z = z0; z < z1; z++) {
            if (!layout.isCentre(z)) {
                out[z - z0] = new float[plane];
                Arrays.fill(out[z - z0], Float.NaN);
                continue;
            }
            ProgressSink sink = sectionProgress(z);
            float[] all = predictor.predictWindow(windower.window(z), tiling, blender, sink);
            out[z - z0] = Arrays.copyOfRange(all, offset, offset + plane);
            predictor.counters().addSection();
        }
        return out;
    }

    private ProgressSink sectionProgress(int z) {
        ProgressSink overall = predictor.progress();
        double from = (double) z / shape.depth();
        double to = (double) (z + 1) / shape.depth();
        String prefix = "section " + (z + 1) + "/" + shape.depth() + ", ";
        return (fraction, message) -> overall.report(from + (to - from) * fraction, prefix + message);
    }

    /** Reads, in one slab, every image section the windows centred in {@code [z0, z1)} use. */
    private HeldSections readInput(int z0, int z1) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (int z = z0; z < z1; z++) {
            if (layout.isCentre(z)) {
                for (int s : layout.sourceSections(z)) {
                    if (s >= 0) {
                        first = Math.min(first, s);
                        last = Math.max(last, s);
                    }
                }
            }
        }
        if (first > last) { // no window in this slab (all skipped) or only zero-filled channels
            return new HeldSections(image, image.shape(), 0, new float[0][]);
        }
        float[][] sections = image.readSlab(first, last + 1);
        for (int i = 0; i < sections.length; i++) {
            sections[i] = transform(sections[i], first + i);
        }
        return new HeldSections(image, image.shape(), first, sections);
    }

    private float[] transform(float[] section, int z) {
        float[] out = predictor.sectionTransform().apply(section);
        if (out == null || out.length != shape.sectionSize()) {
            throw new IllegalStateException("section transform returned " + (out == null ? "null"
                    : out.length + " values") + " for section " + z + " of " + image.source() + "; expected "
                    + shape.sectionSize());
        }
        return out;
    }

    @Override
    public String toString() {
        return "PredictedVolume[" + source() + " " + shape + "]";
    }
}
