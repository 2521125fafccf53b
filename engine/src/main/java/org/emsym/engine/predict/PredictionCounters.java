package org.emsym.engine.predict;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of a {@link TiledVolumePredictor}: forward passes, tiles and the time spent in the model. */
public final class PredictionCounters {

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong tiles = new AtomicLong();
    private final AtomicLong modelNanos = new AtomicLong();
    private final AtomicLong sections = new AtomicLong();

    void addBatch(int tileCount, long nanos) {
        batches.incrementAndGet();
        tiles.addAndGet(tileCount);
        modelNanos.addAndGet(nanos);
    }

    void addSection() {
        sections.incrementAndGet();
    }

    /** Forward passes (calls of {@link TileModel#predict}). */
    public long batches() {
        return batches.get();
    }

    /** Tiles run through the model, test-time augmentation variants included. */
    public long tiles() {
        return tiles.get();
    }

    /** Sections predicted. */
    public long sections() {
        return sections.get();
    }

    /** Seconds spent inside {@link TileModel#predict}. */
    public double modelSeconds() {
        return modelNanos.get() / 1e9;
    }

    @Override
    public String toString() {
        return sections() + " sections, " + tiles() + " tiles in " + batches() + " forward passes, "
                + String.format(java.util.Locale.ROOT, "%.2f", modelSeconds()) + " s in the model";
    }
}
