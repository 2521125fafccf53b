package org.emsym.engine.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowingSummaryTest {

    @Test
    void rowsListSourcesAndFlagPaddedWindows() {
        WindowingSummary summary = WindowingSummary.of(TestVolumes.labelled(10, 4, 4), WindowSpec.of(2));
        List<WindowingSummary.Row> rows = summary.rows();
        assertEquals(10, rows.size());
        assertArrayEquals(new int[] {2, 1, 0, 1, 2}, rows.get(0).sourceSections());
        assertTrue(rows.get(0).padded());
        assertTrue(rows.get(1).padded());
        assertFalse(rows.get(2).padded());
        assertFalse(rows.get(7).padded());
        assertTrue(rows.get(8).padded());
        assertArrayEquals(new int[] {7, 8, 9, 8, 7}, rows.get(9).sourceSections());
        assertEquals(4, summary.paddedWindowCount());
        assertEquals(BoundaryMode.REFLECT, rows.get(5).boundary());
    }

    @Test
    void skipHasNoPaddedWindows() {
        WindowingSummary summary =
                WindowingSummary.of(TestVolumes.labelled(10, 4, 4), new WindowSpec(3, BoundaryMode.SKIP));
        assertEquals(4, summary.rows().size());
        assertEquals(3, summary.rows().get(0).centre());
        assertEquals(0, summary.paddedWindowCount());
    }

    @Test
    void zeroPaddingIsShownAsMinusOne() {
        WindowingSummary summary =
                WindowingSummary.of(TestVolumes.labelled(3, 4, 4), new WindowSpec(1, BoundaryMode.ZERO));
        assertArrayEquals(new int[] {-1, 0, 1}, summary.rows().get(0).sourceSections());
        assertArrayEquals(new int[] {1, 2, -1}, summary.rows().get(2).sourceSections());
    }

    @Test
    void textNamesShapeContextModeCountAndEndRows() {
        TestVolumes.CountingVolume lazy = new TestVolumes.CountingVolume(TestVolumes.labelled(24, 8, 9));
        String text = WindowingSummary.of(lazy, WindowSpec.of(1)).toText();
        assertTrue(lazy.sectionsRead.isEmpty(), "a summary reads no section");
        assertTrue(text.contains("(z=24, y=8, x=9)"), text);
        assertTrue(text.contains("k=1"), text);
        assertTrue(text.contains("3 channels"), text);
        assertTrue(text.contains("REFLECT"), text);
        assertTrue(text.contains("Windows: 24"), text);
        assertTrue(text.contains("z=0 <- [1, 0, 1] (padded)"), text);
        assertTrue(text.contains("z=23 <- [22, 23, 22] (padded)"), text);
        assertTrue(text.contains("18 more"), text);
        assertFalse(text.contains("z=12 "), "middle rows are elided: " + text);
    }
}
