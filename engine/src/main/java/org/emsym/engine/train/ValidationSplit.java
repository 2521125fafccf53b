package org.emsym.engine.train;

import java.util.Arrays;
import java.util.BitSet;
import org.emsym.engine.window.StackWindower;

/**
 * Training and validation window centres split by z-range. A training centre is kept only if its window
 * reads no section that any validation window reads (overlapping windows would otherwise leak validation
 * sections into training); with reflecting or replicating boundaries this is checked on the actual source
 * sections. For interior ranges that leaves a gap of {@code 2k} centres on each side of the validation range.
 *
 * @param trainingCentres centres training samples from
 * @param validationCentres centres validated on, ascending and contiguous
 */
public record ValidationSplit(int[] trainingCentres, int[] validationCentres) {

    /** Validation on the last {@code fraction} of the windower's centres (at least one). */
    public static ValidationSplit lastFraction(StackWindower windower, double fraction) {
        int[] centres = windower.centres();
        int count = Math.max(1, (int) Math.round(centres.length * fraction));
        return of(windower, centres[centres.length - count], centres[centres.length - 1] + 1);
    }

    /**
     * Validation on the centres {@code [start, end)}.
     *
     * @throws IllegalArgumentException if the range is not made of window centres, or no training centre
     *     remains (the message names the range, k and the depth)
     */
    public static ValidationSplit of(StackWindower windower, int start, int end) {
        int depth = windower.volume().shape().depth();
        int k = windower.spec().context();
        int[] centres = windower.centres();
        int first = centres[0];
        int last = centres[centres.length - 1];
        if (start < first || end > last + 1 || start >= end) {
            throw new IllegalArgumentException("validation range [" + start + ", " + end + ") must lie within the"
                    + " window centres [" + first + ", " + (last + 1) + ") of " + windower.volume().source()
                    + " (depth " + depth + ", k=" + k + ", boundary " + windower.spec().boundary() + ")");
        }
        BitSet validationSections = new BitSet(depth);
        for (int z = start; z < end; z++) {
            for (int s : windower.sourceSections(z)) {
                if (s >= 0) {
                    validationSections.set(s);
                }
            }
        }
        int[] training = Arrays.stream(centres).filter(z -> z < start || z >= end)
                .filter(z -> Arrays.stream(windower.sourceSections(z)).noneMatch(
                        s -> s >= 0 && validationSections.get(s)))
                .toArray();
        if (training.length == 0) {
            throw new IllegalArgumentException("no training sections left: validation centres [" + start + ", " + end
                    + ") read sections " + validationSections + " with k=" + k + ", and every other window of "
                    + windower.volume().source() + " (depth " + depth + ") shares one of them; use a smaller"
                    + " validation range, a smaller k or a deeper stack");
        }
        int[] validation = new int[end - start];
        Arrays.setAll(validation, i -> start + i);
        return new ValidationSplit(training, validation);
    }

    @Override
    public int[] trainingCentres() {
        return trainingCentres.clone();
    }

    @Override
    public int[] validationCentres() {
        return validationCentres.clone();
    }

    @Override
    public String toString() {
        return "ValidationSplit[training=" + Arrays.toString(trainingCentres) + ", validation="
                + Arrays.toString(validationCentres) + "]";
    }
}
