package org.emsym.engine.volume.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.Volumes;
import org.emsym.engine.testing.SharedData;
import org.junit.jupiter.api.Test;

/** The real ISBI 2012 sections in the shared folder load through the section-folder reader (skipped if absent). */
class IsbiSectionsTest {

    @Test
    void isbiImagesAndLabelsLoadAsTwentyUint8SectionsOfTheSameShape() throws Exception {
        Path isbi = SharedData.isbi().orElse(null);
        assumeTrue(isbi != null && Files.isDirectory(isbi.resolve("image")), "shared ISBI data not present");

        Volume image = VolumeReaders.open(isbi.resolve("image"), null);
        Volume labels = VolumeReaders.open(isbi.resolve("label"), null);
        assertEquals(new VolumeShape(20, 512, 512), image.shape());
        assertEquals(PixelType.UINT8, image.pixelType());
        Volumes.requireSameShape(image, labels);

        // label convention: 0 = membrane, 255 = cell, nothing else; membranes are a minority
        long membrane = 0;
        float[] section = labels.readSection(10);
        for (float v : section) {
            assertTrue(v == 0 || v == 255, "label value " + v);
            membrane += v == 0 ? 1 : 0;
        }
        double fraction = membrane / (double) section.length;
        assertTrue(fraction > 0.05 && fraction < 0.5, "membrane fraction " + fraction);

        float[][] slab = image.readSlab(9, 11);
        double mean = 0;
        for (float v : slab[1]) {
            mean += v;
        }
        mean /= slab[1].length;
        assertTrue(mean > 50 && mean < 200, "plausible EM intensity mean " + mean);
    }
}
