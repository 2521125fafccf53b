package org.emsym.knime.util;

import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * A volume that reports progress and checks cancellation whenever a slab is read, so that engine code that
 * streams a volume (the writers) becomes cancelable and shows progress without knowing about either. Cancellation
 * surfaces as the engine's {@link org.emsym.engine.progress.CanceledException} from {@link #readSlab}.
 */
public final class MonitoredVolume implements Volume {

    private final Volume volume;
    private final ProgressSink progress;
    private final Cancellation cancel;

    public MonitoredVolume(Volume volume, ProgressSink progress, Cancellation cancel) {
        this.volume = volume;
        this.progress = progress;
        this.cancel = cancel;
    }

    @Override
    public VolumeShape shape() {
        return volume.shape();
    }

    @Override
    public PixelType pixelType() {
        return volume.pixelType();
    }

    @Override
    public VoxelSize voxelSize() {
        return volume.voxelSize();
    }

    @Override
    public String source() {
        return volume.source();
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        cancel.check();
        float[][] slab = volume.readSlab(z0, z1);
        int depth = volume.shape().depth();
        progress.report(z1 / (double) depth, "section " + z1 + "/" + depth);
        return slab;
    }
}
