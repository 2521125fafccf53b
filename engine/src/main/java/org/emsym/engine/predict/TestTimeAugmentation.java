package org.emsym.engine.predict;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-time augmentation: every tile is predicted under several {@link TileTransform}s and the
 * predictions, brought back to the tile's frame, are averaged (with equal weight, inside the tile
 * blending). Costs one forward pass per transform.
 *
 * @param xyFlips also predict the tile flipped in y, in x and in both (4 variants)
 * @param zFlip also predict each variant with the window's channel order reversed: the symmetric z-flip
 *     that averages a window's prediction with that of its mirror image in z (2 variants)
 */
public record TestTimeAugmentation(boolean xyFlips, boolean zFlip) {

    /** One forward pass per tile. */
    public static final TestTimeAugmentation NONE = new TestTimeAugmentation(false, false);

    /** The tile as it is, flipped in y, in x and in both: four passes, the window's order kept. */
    public static final TestTimeAugmentation XY_FLIPS = new TestTimeAugmentation(true, false);

    /** The transforms to average, identity first; 1, 2, 4 or 8 of them. */
    public List<TileTransform> transforms() {
        List<TileTransform> out = new ArrayList<>();
        for (int z = 0; z < (zFlip ? 2 : 1); z++) {
            for (int flips = 0; flips < (xyFlips ? 4 : 1); flips++) {
                out.add(new TileTransform((flips & 2) != 0, (flips & 1) != 0, z == 1));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return this.equals(NONE) ? "none" : (xyFlips ? "xy flips" : "") + (xyFlips && zFlip ? " + " : "")
                + (zFlip ? "z flip" : "");
    }
}
