package org.emsym.engine.window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;

/**
 * Cuts 2.5D {@link Window}s out of one {@link Volume} according to a {@link WindowSpec}.
 *
 * <p>Sections are read through {@link Volume#readSlab(int, int)} only when a window needs them, so a lazily
 * loaded volume stays lazy: {@link #window(int)} reads the distinct source sections of that one window, and
 * iterating over the windower reads each section once while holding at most {@code 2k+1} sections.
 *
 * <p>An optional section transform (for instance a per-volume intensity normalization) is applied to every
 * section right after it is read and before any cropping, so crops and tiles see the same values as whole
 * sections. It receives an array it may modify and must return {@code height*width} values.
 *
 * <p>Instances are immutable and may be shared between threads if the volume and the transform allow it;
 * each iterator is for one thread.
 */
public final class StackWindower implements Iterable<Window> {

    private final Volume volume;
    private final WindowSpec spec;
    private final UnaryOperator<float[]> sectionTransform;
    private final VolumeShape shape;
    private final int[] centres;

    /** A windower that hands out sections as the volume stores them. */
    public StackWindower(Volume volume, WindowSpec spec) {
        this(volume, spec, UnaryOperator.identity());
    }

    /**
     * @param sectionTransform applied to each section after reading, e.g. a per-volume normalizer
     * @throws IllegalArgumentException if {@link BoundaryMode#SKIP} leaves no centre (depth &lt; 2k+1)
     */
    public StackWindower(Volume volume, WindowSpec spec, UnaryOperator<float[]> sectionTransform) {
        this.volume = Objects.requireNonNull(volume, "volume");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.sectionTransform = Objects.requireNonNull(sectionTransform, "sectionTransform");
        this.shape = volume.shape();
        this.centres = computeCentres(shape.depth(), spec, volume.source());
    }

    private static int[] computeCentres(int depth, WindowSpec spec, String source) {
        int k = spec.context();
        if (spec.boundary() != BoundaryMode.SKIP) {
            return rangeArray(0, depth);
        }
        if (depth - 2 * k <= 0) {
            throw new IllegalArgumentException("boundary SKIP with context k=" + k + " leaves no window in "
                    + source + " of depth " + depth + ": SKIP needs depth >= 2k+1 = " + spec.channels()
                    + "; use a smaller k or another boundary mode");
        }
        return rangeArray(k, depth - k);
    }

    private static int[] rangeArray(int from, int to) {
        int[] out = new int[to - from];
        Arrays.setAll(out, i -> from + i);
        return out;
    }

    public Volume volume() {
        return volume;
    }

    public WindowSpec spec() {
        return spec;
    }

    /** Centre sections that have a window, ascending: every z, or {@code [k, depth-k)} for SKIP. */
    public int[] centres() {
        return centres.clone();
    }

    /** Whether section {@code z} is the centre of a window. */
    public boolean isCentre(int z) {
        int first = centres[0];
        return z >= first && z <= centres[centres.length - 1];
    }

    /**
     * The sections that fill the {@code 2k+1} channels of the window centred on {@code z}, in channel order;
     * {@link BoundaryMode#ZERO_FILLED} (-1) marks a zero-filled channel.
     *
     * @throws IllegalArgumentException if {@code z} is not one of {@link #centres()}
     */
    public int[] sourceSections(int z) {
        checkCentre(z);
        int k = spec.context();
        int[] sources = new int[spec.channels()];
        for (int c = 0; c < sources.length; c++) {
            sources[c] = spec.boundary().sourceSection(z - k + c, shape.depth());
        }
        return sources;
    }

    /** The full window centred on section {@code z}. */
    public Window window(int z) {
        int[] sources = sourceSections(z);
        return assemble(z, sources, readSections(sources, Map.of()), 0, 0, shape.height(), shape.width());
    }

    /**
     * The {@code h x w} crop, top-left at row {@code y} and column {@code x}, of the window centred on
     * {@code z}; reads the same sections as {@link #window(int)} but builds only the cropped channels.
     */
    public Window window(int z, int y, int x, int h, int w) {
        Window.checkCrop(y, x, h, w, shape.height(), shape.width());
        int[] sources = sourceSections(z);
        return assemble(z, sources, readSections(sources, Map.of()), y, x, h, w);
    }

    /** All windows in ascending centre order, reading each section once (for k &lt; depth). */
    @Override
    public Iterator<Window> iterator() {
        return new Iterator<>() {
            private int next;
            private Map<Integer, float[]> cache = Map.of();

            @Override
            public boolean hasNext() {
                return next < centres.length;
            }

            @Override
            public Window next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no window after centre " + centres[centres.length - 1]);
                }
                int z = centres[next++];
                int[] sources = sourceSections(z);
                cache = readSections(sources, cache);
                return assemble(z, sources, cache, 0, 0, shape.height(), shape.width());
            }
        };
    }

    private void checkCentre(int z) {
        if (z < 0 || z >= shape.depth()) {
            throw new IllegalArgumentException(
                    "centre z=" + z + " is outside " + volume.source() + " of depth " + shape.depth());
        }
        if (!isCentre(z)) {
            throw new IllegalArgumentException("section z=" + z + " has no window: boundary " + spec.boundary()
                    + " with context k=" + spec.context() + " keeps centres [" + centres[0] + ", "
                    + (centres[centres.length - 1] + 1) + ") of " + volume.source() + " (depth " + shape.depth()
                    + ")");
        }
    }

    /**
     * The transformed sections named in {@code sources}, taking those already in {@code cached} and reading
     * the rest in contiguous runs, one readSlab call per run.
     */
    private Map<Integer, float[]> readSections(int[] sources, Map<Integer, float[]> cached) {
        int[] needed = Arrays.stream(sources).filter(s -> s >= 0).distinct().sorted().toArray();
        Map<Integer, float[]> sections = new HashMap<>();
        List<Integer> missing = new ArrayList<>();
        for (int s : needed) {
            float[] hit = cached.get(s);
            if (hit != null) {
                sections.put(s, hit);
            } else {
                missing.add(s);
            }
        }
        int i = 0;
        while (i < missing.size()) {
            int runStart = missing.get(i);
            int runEnd = runStart + 1;
            while (i + 1 < missing.size() && missing.get(i + 1) == runEnd) {
                i++;
                runEnd++;
            }
            i++;
            float[][] slab = volume.readSlab(runStart, runEnd);
            for (int s = runStart; s < runEnd; s++) {
                sections.put(s, transform(slab[s - runStart], s));
            }
        }
        return sections;
    }

    private float[] transform(float[] section, int z) {
        float[] out = sectionTransform.apply(section);
        if (out == null || out.length != shape.sectionSize()) {
            throw new IllegalStateException("section transform returned " + (out == null ? "null" : out.length
                    + " values") + " for section " + z + " of " + volume.source() + "; expected "
                    + shape.sectionSize() + " (" + shape.height() + " x " + shape.width() + ")");
        }
        return out;
    }

    private Window assemble(int z, int[] sources, Map<Integer, float[]> sections, int y, int x, int h, int w) {
        float[][] channels = new float[sources.length][];
        for (int c = 0; c < sources.length; c++) {
            if (sources[c] == BoundaryMode.ZERO_FILLED) {
                channels[c] = new float[h * w];
            } else if (h == shape.height() && w == shape.width()) {
                channels[c] = sections.get(sources[c]); // the Window constructor copies
            } else {
                channels[c] = Window.cropSection(sections.get(sources[c]), shape.width(), y, x, h, w);
            }
        }
        return new Window(z, h, w, channels);
    }

    @Override
    public String toString() {
        return "StackWindower[" + volume.source() + " " + shape + ", " + spec + "]";
    }
}
