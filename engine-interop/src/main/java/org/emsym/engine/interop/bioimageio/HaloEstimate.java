package org.emsym.engine.interop.bioimageio;

import java.util.SplittableRandom;
import org.emsym.engine.predict.TileModel;

/**
 * The halo of a network measured from its receptive field as it acts: the width of the border band of a tile in
 * which the output changes by more than {@link #TOLERANCE} when the tile is cut from a larger input instead of
 * being seen with its real surroundings. A random input of {@link #CANVAS} x {@link #CANVAS} is predicted whole
 * and through its centre crop of {@link #CROP} x {@link #CROP} (offset a multiple of the network's size multiple,
 * so the pooling grid is the same); the halo is one more than the largest distance to the crop border of a pixel
 * whose prediction differs. The theoretical receptive field of a deep encoder (hundreds of pixels for a ResNet)
 * bounds it but overstates it: far weights contribute almost nothing.
 */
final class HaloEstimate {

    /** A change in output probability below which a border pixel counts as unaffected. */
    static final double TOLERANCE = 1e-2;
    static final int CANVAS = 256;
    static final int CROP = 128;

    private HaloEstimate() {
    }

    /**
     * @return the halo in pixels, at most {@code CROP / 2} (reached when even the crop centre changes: then the
     *     halo is at least that)
     */
    static int measure(TileModel model, long seed) {
        int c = model.inputChannels();
        int offset = (CANVAS - CROP) / 2;
        SplittableRandom random = new SplittableRandom(seed);
        float[] canvas = new float[c * CANVAS * CANVAS];
        for (int i = 0; i < canvas.length; i++) {
            canvas[i] = (float) random.nextDouble();
        }
        float[] crop = new float[c * CROP * CROP];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < CROP; y++) {
                System.arraycopy(canvas, (ch * CANVAS + y + offset) * CANVAS + offset, crop, (ch * CROP + y) * CROP, CROP);
            }
        }
        float[] whole = model.predict(canvas, 1, CANVAS, CANVAS);
        float[] part = model.predict(crop, 1, CROP, CROP);
        int halo = 0;
        for (int k = 0; k < model.classes(); k++) {
            for (int y = 0; y < CROP; y++) {
                for (int x = 0; x < CROP; x++) {
                    float a = part[(k * CROP + y) * CROP + x];
                    float b = whole[(k * CANVAS + y + offset) * CANVAS + x + offset];
                    if (Math.abs(a - b) > TOLERANCE) {
                        int border = Math.min(Math.min(y, x), Math.min(CROP - 1 - y, CROP - 1 - x));
                        halo = Math.max(halo, border + 1);
                    }
                }
            }
        }
        return Math.min(halo, CROP / 2);
    }
}
