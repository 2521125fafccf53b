package org.emsym.knime.port;

import java.util.Objects;

import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.Tiler;
import org.emsym.engine.window.WindowSpec;

/**
 * The 2.5D window settings a Stack Windowing node recorded on a Volume: the {@link WindowSpec} (context k and
 * boundary mode), the training patch size, and the inference tile size and overlap (pixels along y and x).
 * Downstream nodes take them as the volume's windowing.
 */
public record VolumeWindowing(WindowSpec window, int patchSize, int tileSize, int tileOverlap) {

    /**
     * @throws IllegalArgumentException if a size is not positive or the overlap is not smaller than the tile
     */
    public VolumeWindowing {
        Objects.requireNonNull(window, "window");
        if (patchSize <= 0) {
            throw new IllegalArgumentException("patch size must be positive, got " + patchSize);
        }
        Tiler.square(tileSize, tileOverlap);
    }

    public int context() {
        return window.context();
    }

    public BoundaryMode boundary() {
        return window.boundary();
    }

    /** Tiles of {@link #tileSize()} overlapping by {@link #tileOverlap()}. */
    public Tiler tiler() {
        return Tiler.square(tileSize, tileOverlap);
    }

    @Override
    public String toString() {
        return window + ", patch " + patchSize + ", tile " + tileSize + " overlap " + tileOverlap;
    }
}
