package org.emsym.engine.interop.bioimageio;

/**
 * The input sizes a bioimage.io model accepts along y and x: {@code min + n * step} for n = 0, 1, ...
 * (a fixed size has step 0), from the input axes' {@code size} ({@code 512} or {@code {min: 64, step: 32}}).
 *
 * @param field the description field of the input axes, named in errors
 */
public record TileConstraint(int minHeight, int stepHeight, int minWidth, int stepWidth, String field) {

    public TileConstraint {
        if (minHeight <= 0 || minWidth <= 0 || stepHeight < 0 || stepWidth < 0) {
            throw new IllegalArgumentException(field + ": sizes must be positive and steps >= 0, got min " + minHeight
                    + " x " + minWidth + ", step " + stepHeight + " x " + stepWidth);
        }
    }

    /** Whether an {@code height x width} tile is accepted. */
    public boolean accepts(int height, int width) {
        return fits(height, minHeight, stepHeight) && fits(width, minWidth, stepWidth);
    }

    /**
     * @throws IllegalArgumentException naming the field and the accepted sizes when the tile is not accepted
     */
    public void require(int height, int width) {
        if (!accepts(height, width)) {
            throw new IllegalArgumentException("tile " + height + " x " + width + " is not accepted by the model (" + field
                    + "): it takes " + describe());
        }
    }

    /** The accepted tile closest to {@code requested} (per axis, the smallest accepted size not below it). */
    public int[] nearest(int requestedHeight, int requestedWidth) {
        return new int[] {nearest(requestedHeight, minHeight, stepHeight), nearest(requestedWidth, minWidth, stepWidth)};
    }

    /** E.g. "y 512, x 512" or "y 64 + n*32, x 64 + n*32". */
    public String describe() {
        return "y " + axis(minHeight, stepHeight) + ", x " + axis(minWidth, stepWidth);
    }

    private static boolean fits(int size, int min, int step) {
        return step == 0 ? size == min : size >= min && (size - min) % step == 0;
    }

    private static int nearest(int requested, int min, int step) {
        if (step == 0 || requested <= min) {
            return min;
        }
        return min + (requested - min + step - 1) / step * step;
    }

    private static String axis(int min, int step) {
        return step == 0 ? Integer.toString(min) : min + " + n*" + step;
    }
}
