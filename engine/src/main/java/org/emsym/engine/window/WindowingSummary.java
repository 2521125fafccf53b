package org.emsym.engine.window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;

/**
 * Which sections feed which window for a volume and a {@link WindowSpec}: one {@link Row} per window, and a
 * short text form. Built from the volume's shape alone; no section is read.
 */
public final class WindowingSummary {

    /** Rows shown at each end of {@link #toText()}. */
    private static final int ROWS_SHOWN_PER_END = 3;

    /**
     * One window.
     *
     * @param centre the centre section
     * @param sourceSections the section behind each channel in channel order, -1 = zero-filled
     * @param boundary the boundary mode in force
     * @param padded whether any channel is not simply section {@code centre - k + c} (reflected, replicated or
     *        zero-filled)
     */
    public record Row(int centre, int[] sourceSections, BoundaryMode boundary, boolean padded) {

        public Row {
            sourceSections = sourceSections.clone();
            Objects.requireNonNull(boundary, "boundary");
        }

        @Override
        public int[] sourceSections() {
            return sourceSections.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && centre == r.centre && boundary == r.boundary && padded == r.padded
                    && Arrays.equals(sourceSections, r.sourceSections);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * centre + Arrays.hashCode(sourceSections)) + boundary.hashCode();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "z=%d <- %s%s", centre, Arrays.toString(sourceSections),
                    padded ? " (padded)" : "");
        }
    }

    private final VolumeShape shape;
    private final String volumeDescription;
    private final WindowSpec spec;
    private final List<Row> rows;

    private WindowingSummary(VolumeShape shape, String volumeDescription, WindowSpec spec, List<Row> rows) {
        this.shape = shape;
        this.volumeDescription = volumeDescription;
        this.spec = spec;
        this.rows = List.copyOf(rows);
    }

    /**
     * Summarizes the windows of {@code volume} under {@code spec}.
     *
     * @throws IllegalArgumentException as {@link StackWindower} does when SKIP leaves no window
     */
    public static WindowingSummary of(Volume volume, WindowSpec spec) {
        StackWindower windower = new StackWindower(volume, spec);
        int k = spec.context();
        List<Row> rows = new ArrayList<>();
        for (int z : windower.centres()) {
            int[] sources = windower.sourceSections(z);
            boolean padded = false;
            for (int c = 0; c < sources.length; c++) {
                padded |= sources[c] != z - k + c;
            }
            rows.add(new Row(z, sources, spec.boundary(), padded));
        }
        String description = volume.pixelType().name().toLowerCase(Locale.ROOT) + " from " + volume.source();
        return new WindowingSummary(volume.shape(), description, spec, rows);
    }

    public VolumeShape shape() {
        return shape;
    }

    public WindowSpec spec() {
        return spec;
    }

    /** One row per window, in ascending centre order. */
    public List<Row> rows() {
        return rows;
    }

    /** Number of windows whose context reaches past an end of the volume. */
    public int paddedWindowCount() {
        return (int) rows.stream().filter(Row::padded).count();
    }

    /**
     * A few lines for people: volume shape, k, channels, boundary mode, number of windows, and the first and
     * last rows.
     */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("Volume ").append(shape).append(' ').append(volumeDescription).append('\n');
        text.append("Windowing: context k=").append(spec.context()).append(", ").append(spec.channels())
                .append(" channels (z-k .. z+k), boundary ").append(spec.boundary()).append('\n');
        text.append("Windows: ").append(rows.size()).append(" (centres ").append(rows.get(0).centre())
                .append("..").append(rows.get(rows.size() - 1).centre()).append("), ")
                .append(paddedWindowCount()).append(" padded at the ends\n");
        if (rows.size() <= 2 * ROWS_SHOWN_PER_END) {
            rows.forEach(r -> text.append("  ").append(r).append('\n'));
        } else {
            rows.subList(0, ROWS_SHOWN_PER_END).forEach(r -> text.append("  ").append(r).append('\n'));
            text.append("  ... (").append(rows.size() - 2 * ROWS_SHOWN_PER_END).append(" more)\n");
            rows.subList(rows.size() - ROWS_SHOWN_PER_END, rows.size())
                    .forEach(r -> text.append("  ").append(r).append('\n'));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return toText();
    }
}
