package org.emsym.engine.volume;

/** The type of a voxel as stored on disk and in memory. Values are always handed out as float. */
public enum PixelType {
    UINT8(8, 0, 255),
    UINT16(16, 0, 65535),
    FLOAT32(32, -Float.MAX_VALUE, Float.MAX_VALUE);

    private final int bits;
    private final double min;
    private final double max;

    PixelType(int bits, double min, double max) {
        this.bits = bits;
        this.min = min;
        this.max = max;
    }

    public int bits() {
        return bits;
    }

    /** Smallest value the type can hold. */
    public double minValue() {
        return min;
    }

    /** Largest value the type can hold. */
    public double maxValue() {
        return max;
    }

    /** Bytes one voxel takes in memory. */
    public int bytesPerVoxel() {
        return bits / 8;
    }
}
