package org.emsym.engine.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TilerTest {

    private static float[] randomImage(int height, int width, long seed) {
        Random random = new Random(seed);
        float[] image = new float[height * width];
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat() * 255f;
        }
        return image;
    }

    @ParameterizedTest(name = "{0} x {1}, tile {2} x {3}, overlap {4} x {5}")
    @CsvSource({
        "64, 64, 32, 32, 8, 8", // multiple of the step
        "100, 77, 32, 32, 8, 8", // not a multiple of the tile
        "37, 150, 16, 40, 5, 0", // non-square tile, no overlap along x
        "20, 13, 32, 32, 8, 8", // smaller than a tile along both axes
        "20, 90, 32, 32, 8, 8", // smaller along y only
        "32, 32, 32, 32, 16, 16", // exactly one tile
        "33, 33, 32, 32, 31, 31" // maximal overlap
    })
    void tilesAreFullSizeAndCoverEveryPixel(int height, int width, int th, int tw, int oy, int ox) {
        Tiling tiling = new Tiler(th, tw, oy, ox).tile(height, width);
        assertEquals(Math.max(height, th), tiling.paddedHeight());
        assertEquals(Math.max(width, tw), tiling.paddedWidth());
        int[] coverage = new int[height * width];
        for (Tile t : tiling.tiles()) {
            assertEquals(th, t.height());
            assertEquals(tw, t.width());
            assertTrue(t.y() + th <= tiling.paddedHeight() && t.x() + tw <= tiling.paddedWidth(), t.toString());
            for (int y = t.y(); y < Math.min(t.y() + th, height); y++) {
                for (int x = t.x(); x < Math.min(t.x() + tw, width); x++) {
                    coverage[y * width + x]++;
                }
            }
        }
        for (int p = 0; p < coverage.length; p++) {
            int pixel = p;
            assertTrue(coverage[p] > 0, () -> "pixel (" + pixel / width + ", " + pixel % width + ") is not covered");
        }
        // the last tile along each axis ends at the (padded) edge
        int maxBottom = tiling.tiles().stream().mapToInt(t -> t.y() + t.height()).max().orElseThrow();
        int maxRight = tiling.tiles().stream().mapToInt(t -> t.x() + t.width()).max().orElseThrow();
        assertEquals(tiling.paddedHeight(), maxBottom);
        assertEquals(tiling.paddedWidth(), maxRight);
    }

    @Test
    void tileStartsFollowTheStepAndShiftTheLastTileBack() {
        Tiling tiling = Tiler.square(4, 1).tile(10, 4);
        assertEquals(List.of(new Tile(0, 0, 4, 4), new Tile(3, 0, 4, 4), new Tile(6, 0, 4, 4)), tiling.tiles());
        assertEquals(List.of(new Tile(0, 0, 4, 4), new Tile(4, 0, 4, 4)), Tiler.square(4, 0).tile(8, 4).tiles());
        assertEquals(List.of(new Tile(0, 0, 4, 4)), Tiler.square(4, 2).tile(3, 2).tiles());
    }

    @ParameterizedTest
    @EnumSource(BlendMode.class)
    void weightsArePositiveEverywhere(BlendMode mode) {
        for (int[] size : new int[][] {{1, 1}, {2, 3}, {64, 64}, {256, 256}, {512, 128}}) {
            double[] weights = mode.weights(size[0], size[1]);
            assertEquals(size[0] * size[1], weights.length);
            double min = java.util.Arrays.stream(weights).min().orElseThrow();
            double max = java.util.Arrays.stream(weights).max().orElseThrow();
            assertTrue(min > 0 && max <= 1, mode + " weights span [" + min + ", " + max + "]");
        }
    }

    @Test
    void smoothWeightsPeakInTheMiddle() {
        for (BlendMode mode : new BlendMode[] {BlendMode.GAUSSIAN, BlendMode.COSINE}) {
            double[] w = mode.weights(33, 33);
            double centre = w[16 * 33 + 16];
            assertTrue(centre > w[0] && centre > w[16 * 33] && centre > w[16], mode.name());
        }
    }

    @ParameterizedTest(name = "{0}: {1} x {2}")
    @CsvSource({
        "UNIFORM, 100, 77", "GAUSSIAN, 100, 77", "COSINE, 100, 77",
        "UNIFORM, 64, 64", "GAUSSIAN, 64, 64", "COSINE, 64, 64",
        "UNIFORM, 20, 13", "GAUSSIAN, 20, 13", "COSINE, 20, 13",
        "GAUSSIAN, 20, 90"
    })
    void blendingTilesOfTheImageReassemblesItExactly(BlendMode mode, int height, int width) {
        float[] image = randomImage(height, width, height * 31L + width);
        Tiling tiling = Tiler.square(32, 8).tile(height, width);
        TileBlender blender = new TileBlender(tiling, mode);
        for (Tile tile : tiling.tiles()) {
            blender.add(tile, tiling.extract(image, tile));
        }
        assertArrayEquals(image, blender.result(), 1e-6f);
        // and once more after clear(), reusing the buffers for the next section
        blender.clear();
        float[] next = randomImage(height, width, 7);
        tiling.tiles().forEach(t -> blender.add(t, tiling.extract(next, t)));
        assertArrayEquals(next, blender.result(), 1e-6f);
    }

    @Test
    void identicalTileValuesBlendToThatValueWithinOneMillionth() {
        Tiling tiling = Tiler.square(16, 6).tile(50, 41);
        for (BlendMode mode : BlendMode.values()) {
            TileBlender blender = new TileBlender(tiling, mode);
            float[] constant = new float[16 * 16];
            java.util.Arrays.fill(constant, 0.7f);
            tiling.tiles().forEach(t -> blender.add(t, constant));
            for (float v : blender.result()) {
                assertEquals(0.7f, v, 1e-6f, mode.name());
            }
        }
    }

    @Test
    void multiChannelBlendingReassemblesEveryChannel() {
        int height = 45;
        int width = 38;
        Window window = new StackWindower(TestVolumes.labelled(5, height, width), WindowSpec.of(1)).window(2);
        Tiling tiling = Tiler.square(16, 4).tile(height, width);
        TileBlender blender = new TileBlender(tiling, BlendMode.GAUSSIAN, 3);
        for (Tile tile : tiling.tiles()) {
            blender.add(tile, tiling.extractChw(window, tile));
        }
        assertArrayEquals(window.toChw(), blender.result(), 1e-6f);
    }

    @Test
    void extractRepeatsEdgePixelsOutsideASmallImage() {
        float[] image = {1, 2, 3, 4, 5, 6}; // 2 x 3
        Tiling tiling = Tiler.square(4, 0).tile(2, 3);
        float[] tile = tiling.extract(image, tiling.tiles().get(0));
        assertArrayEquals(new float[] {1, 2, 3, 3, 4, 5, 6, 6, 4, 5, 6, 6, 4, 5, 6, 6}, tile);
    }

    @Test
    void missingTilesAndWrongSizesAreReported() {
        Tiling tiling = Tiler.square(8, 2).tile(20, 20);
        TileBlender blender = new TileBlender(tiling, BlendMode.UNIFORM);
        blender.add(tiling.tiles().get(0), new float[64]);
        IllegalStateException missing = assertThrows(IllegalStateException.class, blender::result);
        assertTrue(missing.getMessage().contains("covered by no added tile"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> blender.add(tiling.tiles().get(1), new float[63]));
        assertThrows(IllegalArgumentException.class, () -> blender.add(new Tile(0, 0, 4, 4), new float[16]));
        assertThrows(IllegalArgumentException.class, () -> blender.add(new Tile(15, 0, 8, 8), new float[64]));
        assertThrows(IllegalArgumentException.class, () -> tiling.extract(new float[10], tiling.tiles().get(0)));
        assertThrows(IllegalArgumentException.class, () -> Tiler.square(8, 8));
        assertThrows(IllegalArgumentException.class, () -> Tiler.square(0, 0));
    }

    @Test
    void withASizeMultipleATileLargerThanTheImageShrinksToTheImageRoundedUp() {
        Tiler tiler = Tiler.square(256, 32).withSizeMultiple(32);
        Tiling small = tiler.tile(64, 100);
        assertEquals(64, small.tileHeight());
        assertEquals(128, small.tileWidth(), "100 rounded up to 32");
        assertEquals(List.of(new Tile(0, 0, 64, 128)), small.tiles());
        assertEquals(small, Tiler.square(128, 16).withSizeMultiple(32).tile(64, 100), "every tile >= 128 alike");
        // an image larger than the tile keeps the tile; a tile that is no multiple is not changed
        assertEquals(256, tiler.tile(300, 300).tileHeight());
        assertEquals(48, Tiler.square(48, 8).withSizeMultiple(32).tile(20, 20).tileHeight());
        assertEquals(256, Tiler.square(256, 32).tile(64, 64).tileHeight(), "without a multiple: as asked");
    }
}
