package org.emsym.engine.window;

import java.util.Objects;

/**
 * How 2.5D windows are cut from a z-stack: {@code context} sections on each side of the centre (k) and
 * the {@link BoundaryMode} used at the first and last k sections. A window has {@code 2k+1} channels;
 * k = 1 gives the usual pseudo-RGB input.
 */
public record WindowSpec(int context, BoundaryMode boundary) {

    public WindowSpec {
        if (context < 0) {
            throw new IllegalArgumentException("window context k must be >= 0, got " + context);
        }
        Objects.requireNonNull(boundary, "boundary");
    }

    /** Context {@code k} with the default boundary mode ({@link BoundaryMode#REFLECT}). */
    public static WindowSpec of(int context) {
        return new WindowSpec(context, BoundaryMode.DEFAULT);
    }

    /** Number of channels of a window: {@code 2k+1}. */
    public int channels() {
        return 2 * context + 1;
    }

    @Override
    public String toString() {
        return "k=" + context + " (" + channels() + " channels), boundary " + boundary;
    }
}
