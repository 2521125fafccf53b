package org.emsym.engine.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.emsym.engine.volume.ArrayVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StackWindowerTest {

    private static final int DEPTH = 9;
    private static final int HEIGHT = 6;
    private static final int WIDTH = 7;

    private final ArrayVolume volume = TestVolumes.labelled(DEPTH, HEIGHT, WIDTH);

    /** Source of wanted index i by each mode's textbook definition (single reflection suffices for k < depth). */
    private static int expectedSource(BoundaryMode mode, int i, int depth) {
        if (i >= 0 && i < depth) {
            return i;
        }
        return switch (mode) {
            case REFLECT -> i < 0 ? -i : 2 * (depth - 1) - i;
            case REPLICATE -> i < 0 ? 0 : depth - 1;
            case ZERO -> -1;
            case SKIP -> throw new AssertionError("SKIP has no window here");
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void channelsHoldSectionsInZOrderWithTheCentreInTheMiddle(int k) {
        StackWindower windower = new StackWindower(volume, WindowSpec.of(k));
        for (int z = k; z < DEPTH - k; z++) {
            Window w = windower.window(z);
            assertEquals(2 * k + 1, w.channelCount());
            assertEquals(k, w.context());
            assertEquals(z, w.centre());
            for (int c = 0; c < w.channelCount(); c++) {
                float[] channel = w.channels()[c];
                assertEquals(z - k + c, TestVolumes.sectionOf(channel), "k=" + k + " z=" + z + " channel " + c);
                assertArrayEquals(volume.section(z - k + c), channel);
            }
        }
    }

    @Test
    void contextOneIsPseudoRgb() {
        Window w = new StackWindower(volume, WindowSpec.of(1)).window(4);
        float[][] ch = w.channels();
        assertArrayEquals(volume.section(3), ch[0]);
        assertArrayEquals(volume.section(4), ch[1]);
        assertArrayEquals(volume.section(5), ch[2]);
    }

    @ParameterizedTest
    @EnumSource(value = BoundaryMode.class, names = {"REFLECT", "REPLICATE", "ZERO"})
    void paddingModesFollowTheirDefinitionAtBothEndsForContextZeroToThree(BoundaryMode mode) {
        for (int k = 0; k <= 3; k++) {
            StackWindower windower = new StackWindower(volume, new WindowSpec(k, mode));
            assertArrayEquals(IntStream.range(0, DEPTH).toArray(), windower.centres());
            for (int z : new int[] {0, 1, 2, DEPTH - 3, DEPTH - 2, DEPTH - 1}) {
                Window w = windower.window(z);
                int[] sources = windower.sourceSections(z);
                for (int c = 0; c < 2 * k + 1; c++) {
                    int expected = expectedSource(mode, z - k + c, DEPTH);
                    String where = mode + " k=" + k + " z=" + z + " channel " + c;
                    assertEquals(expected, sources[c], where);
                    float[] channel = w.channels()[c];
                    if (expected < 0) {
                        assertArrayEquals(new float[HEIGHT * WIDTH], channel, where);
                    } else {
                        assertArrayEquals(volume.section(expected), channel, where);
                    }
                }
            }
        }
    }

    @Test
    void reflectAtTheEndsMatchesNumpyForContextTwo() {
        StackWindower windower = new StackWindower(TestVolumes.labelled(5, 2, 2), WindowSpec.of(2));
        // np.pad(np.arange(5), 2, 'reflect') == [2 1 0 1 2 3 4 3 2]; windows are its slices of length 5
        assertArrayEquals(new int[] {2, 1, 0, 1, 2}, windower.sourceSections(0));
        assertArrayEquals(new int[] {1, 0, 1, 2, 3}, windower.sourceSections(1));
        assertArrayEquals(new int[] {2, 3, 4, 3, 2}, windower.sourceSections(4));
    }

    @Test
    void reflectWithContextBeyondTheDepthReflectsRepeatedly() {
        StackWindower windower = new StackWindower(TestVolumes.labelled(3, 2, 2), WindowSpec.of(3));
        // np.pad(np.arange(3), 3, 'reflect') == [1 2 1 0 1 2 1 0 1]
        assertArrayEquals(new int[] {1, 2, 1, 0, 1, 2, 1}, windower.sourceSections(0));
        assertArrayEquals(new int[] {1, 0, 1, 2, 1, 0, 1}, windower.sourceSections(2));
        Window w = windower.window(0);
        assertEquals(1, TestVolumes.sectionOf(w.channels()[0]));
        assertEquals(0, TestVolumes.sectionOf(w.channels()[3]));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void skipKeepsOnlyCentresWithFullContextAtBothEnds(int k) {
        StackWindower windower = new StackWindower(volume, new WindowSpec(k, BoundaryMode.SKIP));
        assertArrayEquals(IntStream.range(k, DEPTH - k).toArray(), windower.centres());
        assertEquals(k, windower.window(k).centre());
        assertEquals(DEPTH - 1 - k, windower.window(DEPTH - 1 - k).centre());
        if (k > 0) {
            IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> windower.window(k - 1));
            assertTrue(low.getMessage().contains("k=" + k), low.getMessage());
            assertThrows(IllegalArgumentException.class, () -> windower.window(DEPTH - k));
            assertThrows(IllegalArgumentException.class, () -> windower.sourceSections(0));
        }
    }

    @Test
    void skipThatLeavesNoWindowNamesContextAndDepth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StackWindower(TestVolumes.labelled(4, 2, 2), new WindowSpec(2, BoundaryMode.SKIP)));
        assertTrue(e.getMessage().contains("k=2"), e.getMessage());
        assertTrue(e.getMessage().contains("depth 4"), e.getMessage());
        // depth 5 = 2k+1 leaves exactly one window
        assertArrayEquals(new int[] {2},
                new StackWindower(TestVolumes.labelled(5, 2, 2), new WindowSpec(2, BoundaryMode.SKIP)).centres());
    }

    @Test
    void centreOutsideTheVolumeIsRejected() {
        StackWindower windower = new StackWindower(volume, WindowSpec.of(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> windower.window(DEPTH));
        assertTrue(e.getMessage().contains("depth " + DEPTH), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> windower.window(-1));
    }

    @ParameterizedTest
    @EnumSource(BoundaryMode.class)
    void zFlipReversesChannelsAndTwiceIsTheIdentity(BoundaryMode mode) {
        for (int k = 0; k <= 3; k++) {
            StackWindower windower = new StackWindower(volume, new WindowSpec(k, mode));
            for (int z : windower.centres()) {
                Window w = windower.window(z);
                Window flipped = w.zFlip();
                for (int c = 0; c < w.channelCount(); c++) {
                    assertArrayEquals(w.channels()[c], flipped.channels()[2 * k - c]);
                }
                assertEquals(w, flipped.zFlip());
                int[] sources = windower.sourceSections(z);
                int[] reversed = IntStream.range(0, sources.length).map(c -> sources[sources.length - 1 - c])
                        .toArray();
                if (java.util.Arrays.equals(sources, reversed)) {
                    assertEquals(w, flipped, "palindromic sources (reflected ends, k=0) are z-symmetric");
                } else {
                    assertNotEquals(w, flipped, "other windows change under z-flip");
                }
            }
        }
    }

    @Test
    void reflectedFirstWindowIsZSymmetric() {
        Window first = new StackWindower(volume, WindowSpec.of(2)).window(0);
        assertEquals(first, first.zFlip());
    }

    @ParameterizedTest
    @EnumSource(BoundaryMode.class)
    void cropEqualsCropOfTheFullWindow(BoundaryMode mode) {
        int[][] rects = {{0, 0, HEIGHT, WIDTH}, {0, 0, 1, 1}, {2, 3, 3, 4}, {5, 6, 1, 1}, {1, 0, 4, WIDTH}};
        for (int k = 0; k <= 3; k++) {
            StackWindower windower = new StackWindower(volume, new WindowSpec(k, mode));
            for (int z : windower.centres()) {
                Window full = windower.window(z);
                for (int[] r : rects) {
                    Window crop = windower.window(z, r[0], r[1], r[2], r[3]);
                    assertEquals(full.crop(r[0], r[1], r[2], r[3]), crop);
                    assertEquals(r[2], crop.height());
                    assertEquals(r[3], crop.width());
                    for (int c = 0; c < crop.channelCount(); c++) {
                        for (int y = 0; y < r[2]; y++) {
                            for (int x = 0; x < r[3]; x++) {
                                assertEquals(full.value(c, r[0] + y, r[1] + x), crop.value(c, y, x));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void cropOutsideTheSectionIsRejected() {
        StackWindower windower = new StackWindower(volume, WindowSpec.of(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> windower.window(0, 4, 0, 3, 2));
        assertTrue(e.getMessage().contains(HEIGHT + " x " + WIDTH), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> windower.window(0, 0, -1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> windower.window(0, 0, 0, 0, 2));
    }

    @Test
    void toChwConcatenatesChannelsInOrder() {
        Window w = new StackWindower(volume, WindowSpec.of(1)).window(2);
        float[] chw = w.toChw();
        assertEquals(3 * HEIGHT * WIDTH, chw.length);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    assertEquals(w.value(c, y, x), chw[(c * HEIGHT + y) * WIDTH + x]);
                }
            }
        }
    }

    @Test
    void windowsAreUnaffectedByChangesToArraysHandedInOrOut() {
        float[][] channels = {{1, 2}, {3, 4}, {5, 6}};
        Window w = new Window(0, 1, 2, channels);
        channels[1][0] = 99;
        w.channels()[1][1] = 99;
        assertArrayEquals(new float[] {3, 4}, w.channels()[1]);
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> w.channel(1).put(0, 7f));
        assertThrows(IllegalArgumentException.class, () -> new Window(0, 1, 2, new float[][] {{1, 2}, {3, 4}}));
        assertThrows(IllegalArgumentException.class, () -> new Window(0, 1, 2, new float[][] {{1, 2, 3}}));
    }

    @Test
    void sectionTransformIsAppliedOnceToEachSectionRead() {
        List<Integer> transformed = new ArrayList<>();
        StackWindower windower = new StackWindower(volume, WindowSpec.of(1), section -> {
            transformed.add(TestVolumes.sectionOf(section));
            for (int i = 0; i < section.length; i++) {
                section[i] = section[i] / 2;
            }
            return section;
        });
        Window w = windower.window(0, 1, 1, 2, 2);
        assertEquals(List.of(0, 1), transformed.stream().sorted().toList());
        assertEquals(volume.get(1, 1, 1) / 2, w.value(0, 0, 0));
        assertEquals(volume.get(0, 2, 2) / 2, w.value(1, 1, 1));
        assertEquals(volume.get(0, 1, 1), 1000f + 8, "the volume itself is unchanged");
    }

    @Test
    void sectionTransformOfWrongLengthIsReported() {
        StackWindower windower = new StackWindower(volume, WindowSpec.of(1), section -> new float[3]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> windower.window(4));
        assertTrue(e.getMessage().contains("returned 3 values"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(BoundaryMode.class)
    void aWindowReadsOnlyItsOwnSectionsInOneSlab(BoundaryMode mode) {
        TestVolumes.CountingVolume lazy = new TestVolumes.CountingVolume(volume);
        StackWindower windower = new StackWindower(lazy, new WindowSpec(2, mode));
        assertTrue(lazy.sectionsRead.isEmpty(), "constructing a windower reads nothing");
        for (int z : windower.centres()) {
            lazy.sectionsRead.clear();
            lazy.slabCalls.clear();
            windower.window(z, 1, 1, 2, 2);
            int[] expected = IntStream.of(windower.sourceSections(z)).filter(s -> s >= 0).distinct().sorted()
                    .toArray();
            assertArrayEquals(expected, lazy.sectionsRead.stream().mapToInt(Integer::intValue).sorted().toArray(),
                    mode + " z=" + z);
            assertEquals(1, lazy.slabCalls.size(), "the sources of one window are contiguous: one readSlab call");
        }
    }

    @ParameterizedTest
    @EnumSource(BoundaryMode.class)
    void iteratingReadsEverySectionOnceAndYieldsTheSameWindows(BoundaryMode mode) {
        TestVolumes.CountingVolume lazy = new TestVolumes.CountingVolume(volume);
        WindowSpec spec = new WindowSpec(2, mode);
        StackWindower windower = new StackWindower(lazy, spec);
        List<Window> streamed = new ArrayList<>();
        windower.forEach(streamed::add);
        assertEquals(IntStream.range(0, DEPTH).boxed().toList(), lazy.sectionsRead);
        StackWindower direct = new StackWindower(volume, spec);
        assertEquals(direct.centres().length, streamed.size());
        for (Window w : streamed) {
            assertEquals(direct.window(w.centre()), w);
        }
    }
}
