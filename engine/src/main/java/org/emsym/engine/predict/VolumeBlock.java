package org.emsym.engine.predict;

/**
 * One block of a block-wise prediction: the voxels {@code [z0, z1) x [y0, y1) x [x0, x1)} of the output,
 * made of the whole output chunks {@code [cz0, cz1) x [cy0, cy1) x [cx0, cx1)} (edge blocks end at the volume
 * edge, inside their last chunk). Blocks of one plan share no chunk, so each can be written by its own task.
 *
 * @param index the block's position in the plan (z-major, then y, then x), for logs and task ids
 */
public record VolumeBlock(int index, int cz0, int cz1, int cy0, int cy1, int cx0, int cx1,
                          int z0, int z1, int y0, int y1, int x0, int x1) {

    public VolumeBlock {
        if (index < 0 || cz0 < 0 || cy0 < 0 || cx0 < 0 || cz1 <= cz0 || cy1 <= cy0 || cx1 <= cx0
                || z1 <= z0 || y1 <= y0 || x1 <= x0 || z0 < 0 || y0 < 0 || x0 < 0) {
            throw new IllegalArgumentException("empty or negative block: chunks [" + cz0 + ", " + cz1 + ") x ["
                    + cy0 + ", " + cy1 + ") x [" + cx0 + ", " + cx1 + "), voxels [" + z0 + ", " + z1 + ") x [" + y0
                    + ", " + y1 + ") x [" + x0 + ", " + x1 + ")");
        }
    }

    public int depth() {
        return z1 - z0;
    }

    public int height() {
        return y1 - y0;
    }

    public int width() {
        return x1 - x0;
    }

    @Override
    public String toString() {
        return "block " + index + " [z " + z0 + "-" + z1 + ", y " + y0 + "-" + y1 + ", x " + x0 + "-" + x1 + ")";
    }
}
