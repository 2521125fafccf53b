package org.emsym.engine.predict;

/**
 * One test-time augmentation of a tile: optional flips along y (rows), x (columns) and z (the order of
 * the 2k+1 window channels). Each flip is its own inverse, so the network's output for a transformed
 * tile is brought back by flipping it in y and x again; a z-flip changes only the input (the output has
 * classes, not sections, on its channel axis).
 *
 * @param flipY reverse the row order
 * @param flipX reverse the column order
 * @param flipZ reverse the channel order of the window (z-k and z+k swap places)
 */
public record TileTransform(boolean flipY, boolean flipX, boolean flipZ) {

    /** The tile as it is. */
    public static final TileTransform IDENTITY = new TileTransform(false, false, false);

    public boolean isIdentity() {
        return !flipY && !flipX && !flipZ;
    }

    /** The transformed network input: a new (C, h, w) array, or {@code chw} itself for the identity. */
    public float[] applyToInput(float[] chw, int channels, int height, int width) {
        if (isIdentity()) {
            return chw;
        }
        int plane = height * width;
        float[] out = new float[chw.length];
        for (int c = 0; c < channels; c++) {
            int from = (flipZ ? channels - 1 - c : c) * plane;
            flipPlane(chw, from, out, c * plane, height, width);
        }
        return out;
    }

    /** Brings a (classes, h, w) prediction for the transformed tile back to the tile's own frame, in place. */
    public void invertOutputInPlace(float[] chw, int classes, int height, int width) {
        if (!flipY && !flipX) {
            return;
        }
        int plane = height * width;
        float[] buffer = new float[plane];
        for (int c = 0; c < classes; c++) {
            flipPlane(chw, c * plane, buffer, 0, height, width);
            System.arraycopy(buffer, 0, chw, c * plane, plane);
        }
    }

    private void flipPlane(float[] in, int inOffset, float[] out, int outOffset, int height, int width) {
        for (int y = 0; y < height; y++) {
            int sy = flipY ? height - 1 - y : y;
            int inRow = inOffset + sy * width;
            int outRow = outOffset + y * width;
            if (!flipX) {
                System.arraycopy(in, inRow, out, outRow, width);
            } else {
                for (int x = 0; x < width; x++) {
                    out[outRow + x] = in[inRow + width - 1 - x];
                }
            }
        }
    }

    @Override
    public String toString() {
        if (isIdentity()) {
            return "identity";
        }
        StringBuilder s = new StringBuilder();
        if (flipY) {
            s.append("flip-y ");
        }
        if (flipX) {
            s.append("flip-x ");
        }
        if (flipZ) {
            s.append("flip-z ");
        }
        return s.toString().strip();
    }
}
