package org.emsym.engine.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SectionRangeTest {

    private static Volume stack() {
        float[][] sections = new float[5][];
        for (int z = 0; z < 5; z++) {
            sections[z] = new float[] {z, z + 0.5f};
        }
        return new ArrayVolume(new VolumeShape(5, 1, 2), PixelType.FLOAT32, sections);
    }

    @Test
    void showsTheRangeRenumberedFromZero() {
        Volume v = SectionRange.of(stack(), 1, 4);
        assertEquals(new VolumeShape(3, 1, 2), v.shape());
        assertArrayEquals(new float[] {1, 1.5f}, v.readSection(0));
        assertArrayEquals(new float[] {3, 3.5f}, v.readSlab(1, 3)[1]);
        assertThrows(IndexOutOfBoundsException.class, () -> v.readSlab(2, 4));
        assertTrue(v.source().contains("sections 1-3"), v.source());
    }

    @Test
    void theWholeStackIsItselfAndBadRangesNameTheStack() {
        Volume s = stack();
        assertSame(s, SectionRange.of(s, 0, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SectionRange.of(s, 3, 6));
        assertTrue(e.getMessage().contains("[3, 6)") && e.getMessage().contains("5 sections"), e.getMessage());
    }
}
