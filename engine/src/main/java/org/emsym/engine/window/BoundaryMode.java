package org.emsym.engine.window;

import org.emsym.engine.util.MirrorIndex;

/**
 * How a 2.5D window is completed where its context reaches past the first or last section of a volume.
 *
 * <p>Modes map a wanted section index {@code i} (possibly outside {@code [0, depth)}) to the section that
 * supplies it, see {@link #sourceSection(int, int)}:
 * <ul>
 *   <li>{@link #REFLECT} (default): mirror about the edge section without repeating it, like numpy's
 *       {@code 'reflect'}: -1 &rarr; 1, -2 &rarr; 2, depth &rarr; depth-2. When the context reaches further
 *       than the volume is deep, reflection repeats (the index bounces between both ends with period
 *       {@code 2(depth-1)}), again as numpy does; a single-section volume supplies section 0 everywhere.</li>
 *   <li>{@link #REPLICATE}: repeat the edge section (-1 &rarr; 0).</li>
 *   <li>{@link #ZERO}: a zero-filled channel (source index {@value #ZERO_FILLED}).</li>
 *   <li>{@link #SKIP}: no window at all for centres closer than k to either end.</li>
 * </ul>
 * Every mode only ever uses sections of the volume the window is taken from.
 */
public enum BoundaryMode {
    REFLECT,
    REPLICATE,
    ZERO,
    SKIP;

    /** Source index meaning "this channel is filled with zeros". */
    public static final int ZERO_FILLED = -1;

    /** The mode used unless another is asked for. */
    public static final BoundaryMode DEFAULT = REFLECT;

    /**
     * The section that supplies wanted index {@code index} of a volume with {@code depth} sections.
     *
     * @return a section in {@code [0, depth)}, or {@link #ZERO_FILLED} for {@link #ZERO} outside the volume
     * @throws IllegalArgumentException for {@link #SKIP} when {@code index} is outside the volume, since a
     *         skipped window has no sources
     */
    public int sourceSection(int index, int depth) {
        if (depth <= 0) {
            throw new IllegalArgumentException("depth must be positive, got " + depth);
        }
        if (index >= 0 && index < depth) {
            return index;
        }
        return switch (this) {
            case REFLECT -> MirrorIndex.of(index, depth);
            case REPLICATE -> index < 0 ? 0 : depth - 1;
            case ZERO -> ZERO_FILLED;
            case SKIP -> throw new IllegalArgumentException("section " + index + " is outside [0, " + depth
                    + ") and boundary mode SKIP supplies no padding");
        };
    }
}
