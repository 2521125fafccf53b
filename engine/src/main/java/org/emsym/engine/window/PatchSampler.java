package org.emsym.engine.window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoublePredicate;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;

/**
 * Draws random training {@link Patch}es of a fixed size from a set of allowed centre sections, seeded.
 *
 * <p>Patch number {@code i} depends only on the seed and {@code i} ({@link #patch(long)}), so a run is
 * reproducible and a resumed run continues the same sequence by {@link #seek(long) seeking} to the number of
 * patches already drawn.
 *
 * <p>Uniform sampling picks an allowed section and a top-left corner uniformly. With foreground balancing
 * (probability p), each patch is, with probability p, centred on a foreground pixel drawn uniformly from all
 * foreground pixels of the allowed sections whose centred patch fits in the image; otherwise it is drawn
 * uniformly. So the centre lands on foreground with probability {@code p + (1-p)f}, where f is the foreground
 * fraction among possible centres ({@link #foregroundFraction()}); for sparse foreground that is about p.
 *
 * <p>{@link #next()} advances a counter and is not thread-safe; {@link #patch(long)} is.
 */
public final class PatchSampler {

    private final VolumeShape shape;
    private final int[] allowedCentres;
    private final int patchHeight;
    private final int patchWidth;
    private final long seed;
    private final double foregroundProbability;
    private final ForegroundIndex foreground;
    private long position;

    private PatchSampler(Builder b, ForegroundIndex foreground) {
        this.shape = b.shape;
        this.allowedCentres = b.allowedCentres;
        this.patchHeight = b.patchHeight;
        this.patchWidth = b.patchWidth;
        this.seed = b.seed;
        this.foregroundProbability = b.foregroundProbability;
        this.foreground = foreground;
    }

    /**
     * Starts a sampler for an image volume of {@code shape}, drawing only windows centred on
     * {@code allowedCentres} (e.g. the training z-range).
     */
    public static Builder builder(VolumeShape shape, int[] allowedCentres) {
        return new Builder(shape, allowedCentres);
    }

    /** The next patch; advances {@link #position()} by one. */
    public Patch next() {
        return patch(position++);
    }

    /** The next {@code count} patches. */
    public List<Patch> next(int count) {
        List<Patch> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    /** Number of patches drawn with {@link #next()} so far (or set by {@link #seek(long)}). */
    public long position() {
        return position;
    }

    /** Makes {@link #next()} continue with patch number {@code index}, e.g. when resuming training. */
    public void seek(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("patch index must be >= 0, got " + index);
        }
        position = index;
    }

    /** Patch number {@code index} of this sampler's sequence; a pure function of the seed and the index. */
    public Patch patch(long index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        if (foreground != null && random.nextDouble() < foregroundProbability) {
            return foreground.centredPatch(random.nextLong(foreground.total()));
        }
        int z = allowedCentres[random.nextInt(allowedCentres.length)];
        int y = random.nextInt(shape.height() - patchHeight + 1);
        int x = random.nextInt(shape.width() - patchWidth + 1);
        return new Patch(z, y, x, patchHeight, patchWidth);
    }

    /**
     * Fraction of possible patch centres (allowed sections, positions where a centred patch fits) that are
     * foreground; NaN without foreground balancing.
     */
    public double foregroundFraction() {
        if (foreground == null) {
            return Double.NaN;
        }
        long positions = (long) allowedCentres.length * (shape.height() - patchHeight + 1)
                * (shape.width() - patchWidth + 1);
        return (double) foreground.total() / positions;
    }

    public int[] allowedCentres() {
        return allowedCentres.clone();
    }

    /** Configures a {@link PatchSampler}. */
    public static final class Builder {
        private final VolumeShape shape;
        private final int[] allowedCentres;
        private int patchHeight;
        private int patchWidth;
        private long seed;
        private Volume labels;
        private double foregroundProbability;
        private DoublePredicate isForeground;

        private Builder(VolumeShape shape, int[] allowedCentres) {
            this.shape = Objects.requireNonNull(shape, "shape");
            this.allowedCentres = allowedCentres.clone();
            this.patchHeight = shape.height();
            this.patchWidth = shape.width();
        }

        /** Patch size; defaults to the whole section. */
        public Builder patchSize(int height, int width) {
            this.patchHeight = height;
            this.patchWidth = width;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Centres a patch on a foreground pixel of {@code labels} with probability {@code probability}; a pixel
         * is foreground when its label value is not 0.
         */
        public Builder foregroundBalanced(Volume labels, double probability) {
            return foregroundBalanced(labels, probability, value -> value != 0);
        }

        /**
         * Centres a patch on a foreground pixel of {@code labels} with probability {@code probability};
         * {@code isForeground} decides which label values count (e.g. {@code v -> v == 0} for ISBI membranes).
         */
        public Builder foregroundBalanced(Volume labels, double probability, DoublePredicate isForeground) {
            this.labels = Objects.requireNonNull(labels, "labels");
            this.isForeground = Objects.requireNonNull(isForeground, "isForeground");
            this.foregroundProbability = probability;
            return this;
        }

        /**
         * @throws IllegalArgumentException if no centre is allowed, a centre lies outside the volume, the patch
         *         does not fit in a section, the labels' shape differs from the image's, p is outside [0, 1], or
         *         p &gt; 0 and the allowed sections hold no usable foreground pixel
         */
        public PatchSampler build() {
            validate();
            ForegroundIndex index = labels == null ? null
                    : ForegroundIndex.build(labels, allowedCentres, patchHeight, patchWidth, isForeground);
            if (index != null && index.total() == 0 && foregroundProbability > 0) {
                throw new IllegalArgumentException("foreground-balanced sampling with p=" + foregroundProbability
                        + " but " + labels.source() + " has no foreground pixel where a " + patchHeight + " x "
                        + patchWidth + " patch can be centred in sections " + Arrays.toString(allowedCentres));
            }
            return new PatchSampler(this, index);
        }

        private void validate() {
            if (allowedCentres.length == 0) {
                throw new IllegalArgumentException("no allowed centre sections to sample patches from");
            }
            int[] sorted = allowedCentres.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                if (sorted[i] < 0 || sorted[i] >= shape.depth()) {
                    throw new IllegalArgumentException(
                            "allowed centre z=" + sorted[i] + " is outside the volume " + shape);
                }
                if (i > 0 && sorted[i] == sorted[i - 1]) {
                    throw new IllegalArgumentException("allowed centre z=" + sorted[i] + " is listed twice");
                }
            }
            if (patchHeight <= 0 || patchWidth <= 0 || patchHeight > shape.height() || patchWidth > shape.width()) {
                throw new IllegalArgumentException("patch size " + patchHeight + " x " + patchWidth
                        + " must be positive and fit in the " + shape.height() + " x " + shape.width() + " sections");
            }
            if (labels != null) {
                if (!labels.shape().equals(shape)) {
                    throw new IllegalArgumentException("labels " + labels.source() + " have shape " + labels.shape()
                            + " but the image has shape " + shape);
                }
                if (!(foregroundProbability >= 0 && foregroundProbability <= 1)) {
                    throw new IllegalArgumentException(
                            "foreground probability must be in [0, 1], got " + foregroundProbability);
                }
            }
        }
    }

    /**
     * Positions of the foreground pixels at which a patch can be centred, per allowed section, with cumulative
     * counts for drawing one uniformly. Four bytes per such pixel.
     */
    private static final class ForegroundIndex {
        private final int[] sections;
        private final int[][] positions;
        private final long[] cumulative;
        private final int width;
        private final int patchHeight;
        private final int patchWidth;

        private ForegroundIndex(int[] sections, int[][] positions, int width, int patchHeight, int patchWidth) {
            this.sections = sections;
            this.positions = positions;
            this.width = width;
            this.patchHeight = patchHeight;
            this.patchWidth = patchWidth;
            this.cumulative = new long[sections.length + 1];
            for (int i = 0; i < sections.length; i++) {
                cumulative[i + 1] = cumulative[i] + positions[i].length;
            }
        }

        static ForegroundIndex build(Volume labels, int[] allowed, int patchHeight, int patchWidth,
                DoublePredicate isForeground) {
            VolumeShape s = labels.shape();
            int minY = patchHeight / 2;
            int maxY = s.height() - patchHeight + patchHeight / 2;
            int minX = patchWidth / 2;
            int maxX = s.width() - patchWidth + patchWidth / 2;
            int[][] positions = new int[allowed.length][];
            for (int i = 0; i < allowed.length; i++) {
                float[] section = labels.readSection(allowed[i]);
                int[] found = new int[section.length];
                int n = 0;
                for (int y = minY; y <= maxY; y++) {
                    for (int x = minX; x <= maxX; x++) {
                        int p = y * s.width() + x;
                        if (isForeground.test(section[p])) {
                            found[n++] = p;
                        }
                    }
                }
                positions[i] = Arrays.copyOf(found, n);
            }
            return new ForegroundIndex(allowed, positions, s.width(), patchHeight, patchWidth);
        }

        long total() {
            return cumulative[cumulative.length - 1];
        }

        Patch centredPatch(long rank) {
            int i = Arrays.binarySearch(cumulative, rank);
            // rank == cumulative[j] may hit an empty section; step to the last section starting at that rank
            i = i >= 0 ? i : -i - 2;
            while (positions[i].length == 0 || rank - cumulative[i] >= positions[i].length) {
                i++;
            }
            int pixel = positions[i][(int) (rank - cumulative[i])];
            return new Patch(sections[i], pixel / width - patchHeight / 2, pixel % width - patchWidth / 2,
                    patchHeight, patchWidth);
        }
    }
}
