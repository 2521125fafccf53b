package org.emsym.engine.model.io;


/** Decoding shared by the weight readers: IEEE half precision and bfloat16 to float. */
public final class HalfPrecision {

    private HalfPrecision() {
    }

    /** IEEE 754 half precision to float (Java 17 has no Float.float16ToFloat). */
    public static float halfToFloat(int bits) {
        int sign = (bits >>> 15) & 1;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        float v;
        if (exp == 0) {
            v = mant * 0x1p-24f; // subnormal
        } else if (exp == 31) {
            v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            v = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (mant << 13));
        }
        return sign == 0 ? v : -v;
    }

    /** bfloat16 (the upper half of a float32) to float. */
    public static float bfloat16ToFloat(int bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}
