package org.emsym.spark;

import java.io.Serializable;
import org.emsym.engine.predict.VolumeBlock;

/**
 * A {@link VolumeBlock} as a Spark task's payload: the same numbers, serializable (the engine's record is
 * not, and need not be).
 */
record BlockTask(int index, int cz0, int cz1, int cy0, int cy1, int cx0, int cx1,
                 int z0, int z1, int y0, int y1, int x0, int x1) implements Serializable {

    private static final long serialVersionUID = 1L;

    static BlockTask of(VolumeBlock b) {
        return new BlockTask(b.index(), b.cz0(), b.cz1(), b.cy0(), b.cy1(), b.cx0(), b.cx1(), b.z0(), b.z1(), b.y0(),
                b.y1(), b.x0(), b.x1());
    }

    VolumeBlock block() {
        return new VolumeBlock(index, cz0, cz1, cy0, cy1, cx0, cx1, z0, z1, y0, y1, x0, x1);
    }
}
