package org.emsym.engine.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.imageio.ImageIO;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.engine.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Windows the real ISBI 2012 sections of the shared folder ({@link SharedData}); skipped when it is absent. Sections are decoded lazily by
 * a minimal test volume, so these tests also show that windowing reads only what it needs.
 */
class IsbiWindowingTest {

    private static Path isbi;

    @BeforeAll
    static void findData() {
        isbi = SharedData.isbi().orElse(null);
        assumeTrue(isbi != null, "ISBI 2012 sections not found (shared folder absent)");
    }

    /** Decodes {@code NN.png} of a folder on every read. */
    private static final class PngFolderVolume implements Volume {
        private final Path folder;
        private final List<Path> files;
        private final VolumeShape shape;

        PngFolderVolume(Path folder) throws IOException {
            this.folder = folder;
            try (var stream = Files.list(folder)) {
                files = stream.filter(p -> p.toString().endsWith(".png")).sorted().toList();
            }
            BufferedImage first = ImageIO.read(files.get(0).toFile());
            shape = new VolumeShape(files.size(), first.getHeight(), first.getWidth());
        }

        @Override
        public VolumeShape shape() {
            return shape;
        }

        @Override
        public PixelType pixelType() {
            return PixelType.UINT8;
        }

        @Override
        public VoxelSize voxelSize() {
            return VoxelSize.nm(50, 4, 4);
        }

        @Override
        public String source() {
            return folder.toString();
        }

        @Override
        public float[][] readSlab(int z0, int z1) {
            Volume.checkSlab(shape, z0, z1);
            float[][] out = new float[z1 - z0][];
            for (int z = z0; z < z1; z++) {
                try {
                    Raster raster = ImageIO.read(files.get(z).toFile()).getRaster();
                    out[z - z0] = raster.getSamples(0, 0, shape.width(), shape.height(), 0, (float[]) null);
                } catch (IOException e) {
                    throw Volume.readFailure(files.get(z).toString(), z, e);
                }
            }
            return out;
        }
    }

    private static double correlation(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void realSectionsWindowInZOrderReadingOnlyWhatIsNeeded() throws IOException {
        PngFolderVolume images = new PngFolderVolume(isbi.resolve("image"));
        assertEquals(new VolumeShape(20, 512, 512), images.shape());
        TestVolumes.CountingVolume lazy = new TestVolumes.CountingVolume(images);
        StackWindower windower = new StackWindower(lazy, WindowSpec.of(1));

        Window first = windower.window(0);
        assertEquals(List.of(0, 1), lazy.sectionsRead.stream().sorted().toList());
        float[] s0 = images.readSection(0);
        float[] s1 = images.readSection(1);
        float[][] channels = first.channels();
        assertArrayEquals(s1, channels[0], "reflect: channel 0 of the first window is section 1");
        assertArrayEquals(s0, channels[1]);
        assertArrayEquals(s1, channels[2]);

        lazy.sectionsRead.clear();
        Window middle = windower.window(10, 100, 200, 128, 64);
        assertEquals(List.of(9, 10, 11), lazy.sectionsRead.stream().sorted().toList());
        for (int c = 0; c < 3; c++) {
            float[] section = images.readSection(9 + c);
            for (int y = 0; y < 128; y += 9) {
                for (int x = 0; x < 64; x += 7) {
                    assertEquals(section[(100 + y) * 512 + 200 + x], middle.value(c, y, x), "channel " + c);
                }
            }
        }
        // neighbouring ssTEM sections differ (the channels are not copies of one section)
        assertTrue(correlation(images.readSection(9), images.readSection(10)) < 0.9);
    }

    @Test
    void membraneBalancedPatchesOnRealLabels() throws IOException {
        PngFolderVolume labels = new PngFolderVolume(isbi.resolve("label"));
        int[] train = {0, 1, 2, 3};
        double p = 0.5;
        PatchSampler sampler = PatchSampler.builder(labels.shape(), train).patchSize(128, 128).seed(11)
                .foregroundBalanced(labels, p, v -> v == 0) // ISBI labels: 0 = membrane
                .build();
        double f = sampler.foregroundFraction();
        assertTrue(f > 0.1 && f < 0.35, "ISBI membrane fraction " + f);
        float[][] sections = labels.readSlab(0, 4);
        int draws = 3000;
        int hits = 0;
        for (Patch patch : sampler.next(draws)) {
            hits += sections[patch.z()][patch.centreY() * 512 + patch.centreX()] == 0 ? 1 : 0;
        }
        assertEquals(p + (1 - p) * f, (double) hits / draws, 0.05);
    }
}
