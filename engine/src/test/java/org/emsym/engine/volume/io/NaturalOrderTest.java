package org.emsym.engine.volume.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.emsym.engine.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NaturalOrderTest {

    @TempDir
    Path dir;

    @Test
    void digitRunsCompareByValue() {
        List<String> names = new ArrayList<>(List.of("10.png", "2.png", "1.png", "sec_010.tif", "sec_9.tif",
                "B2.png", "a10.png", "a2.png", "001.png"));
        names.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("001.png", "1.png", "2.png", "10.png", "a2.png", "a10.png", "B2.png", "sec_9.tif",
                "sec_010.tif"), names);
    }

    @Test
    void numbersLongerThanALongStillCompare() {
        assertEquals(-1, Integer.signum(NaturalOrder.INSTANCE.compare("s99999999999999999999.png",
                "s100000000000000000000.png")));
    }

    @Test
    void sectionFolderIsReadInNaturalOrderIgnoringHiddenAndOtherFiles() throws Exception {
        // section k is filled with the value k, so the read order is visible in the pixels
        for (int k : new int[] {10, 2, 1}) {
            BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setSamples(0, 0, 3, 2, 0, new int[] {k, k, k, k, k, k});
            ImageIO.write(image, k == 2 ? "tiff" : "png", dir.resolve(k + (k == 2 ? ".tif" : ".png")).toFile());
        }
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve(".5.png").toFile());
        Files.writeString(dir.resolve("README.txt"), "ignored");

        Volume v = VolumeReaders.open(dir, null);
        assertEquals(3, v.shape().depth());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, v.readSection(0));
        assertArrayEquals(new float[] {2, 2, 2, 2, 2, 2}, v.readSection(1));
        assertArrayEquals(new float[] {10, 10, 10, 10, 10, 10}, v.readSection(2));
    }
}
