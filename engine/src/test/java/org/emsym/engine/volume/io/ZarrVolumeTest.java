package org.emsym.engine.volume.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZarrVolumeTest {

    @TempDir
    Path dir;

    private static void assertSame(Volume expected, Volume actual) {
        assertEquals(expected.shape(), actual.shape());
        assertEquals(expected.pixelType(), actual.pixelType());
        float[][] e = expected.readSlab(0, expected.shape().depth());
        float[][] a = actual.readSlab(0, actual.shape().depth());
        for (int z = 0; z < e.length; z++) {
            assertArrayEquals(e[z], a[z], 0f, "section " + z);
        }
    }

    @Test
    void roundTripsEveryTypeAndCodecWithChunksNotDividingTheVolume() throws IOException {
        VolumeShape shape = new VolumeShape(5, 13, 11);
        for (PixelType type : PixelType.values()) {
            for (String codec : List.of("raw", "gzip", "zlib")) {
                ArrayVolume v = TestVolumes.pattern(shape, type, VoxelSize.nm(50, 4, 4));
                Path out = dir.resolve(type + "-" + codec + ".zarr");
                ZarrWriter.write(v, out, new int[] {2, 4, 3}, codec, 3);
                Volume back = VolumeReaders.open(out);
                assertSame(v, back);
                assertEquals(VoxelSize.nm(50, 4, 4), back.voxelSize());
                Volume level2 = VolumeReaders.open(out, "2");
                assertEquals(new VolumeShape(5, 4, 3), level2.shape());
                assertEquals(VoxelSize.nm(50, 16, 16), level2.voxelSize());
                // a slab starting inside a chunk row
                assertArrayEquals(v.readSection(3), back.readSlab(3, 5)[0], 0f);
            }
        }
    }

    @Test
    void volumeWritersAndReadersChooseOmeZarrForADotZarrPath() throws IOException {
        ArrayVolume v = TestVolumes.pattern(new VolumeShape(3, 20, 17), PixelType.UINT16, VoxelSize.nm(30, 6, 6));
        Path out = dir.resolve("via-writers.zarr");
        VolumeWriters.write(v, out);
        assertEquals(VolumeFormat.ZARR, VolumeFormat.detect(out));
        assertTrue(Files.isRegularFile(out.resolve("0/.zarray")) && Files.isRegularFile(out.resolve("2/.zarray")));
        Volume back = VolumeReaders.open(out, "0");
        assertSame(v, back);
        assertEquals(VoxelSize.nm(30, 6, 6), back.voxelSize());
    }

    @Test
    void readsDotSeparatedChunkKeysAndMissingChunksAsFill() throws IOException {
        Path arr = dir.resolve("dot");
        ZarrArray a = ZarrArray.create(arr, new VolumeShape(3, 4, 4), new int[] {2, 2, 4}, PixelType.UINT16,
                ZarrArray.Codec.ZLIB, 1, ".");
        float[] chunk = new float[16];
        for (int i = 0; i < 16; i++) {
            chunk[i] = 1000 + i;
        }
        a.writeChunk(1, 1, 0, chunk);
        assertTrue(Files.isRegularFile(arr.resolve("1.1.0")));
        Volume v = VolumeReaders.open(arr);
        float[] s2 = v.readSection(2);
        assertEquals(0f, s2[0]);
        assertEquals(1000f, s2[2 * 4]);
        assertEquals(1007f, s2[15]);
    }

    @Test
    void badInputNamesThePathAndTheProblem() throws IOException {
        Path noMeta = dir.resolve("empty.zarr");
        Files.createDirectories(noMeta);
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(noMeta));
        assertTrue(e.getMessage().contains(noMeta.toString()) && e.getMessage().contains(".zattrs"), e.getMessage());

        Path arr = dir.resolve("a");
        ZarrWriter.writeArray(TestVolumes.pattern(new VolumeShape(2, 4, 4), PixelType.UINT8, VoxelSize.UNKNOWN),
                arr, new int[] {1, 4, 4}, ZarrArray.Codec.RAW);
        Path meta = arr.resolve(".zarray");
        String good = Files.readString(meta);

        Files.writeString(meta, good.replace("\"compressor\": null", "\"compressor\": {\"id\": \"blosc\"}"));
        e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(arr));
        assertTrue(e.getMessage().contains(meta.toString()) && e.getMessage().contains("'blosc'"), e.getMessage());

        Files.writeString(meta, good.replace("|u1", "<i8"));
        e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(arr));
        assertTrue(e.getMessage().contains("<i8"), e.getMessage());

        // dtype mismatch: metadata says uint16, chunks hold uint8 bytes
        Files.writeString(meta, good.replace("|u1", "<u2"));
        Volume wrong = VolumeReaders.open(arr);
        UncheckedIOException u = assertThrows(UncheckedIOException.class, () -> wrong.readSection(0));
        assertTrue(u.getMessage().contains(arr.resolve("0/0/0").toString()) && u.getMessage().contains("dtype"),
                u.getMessage());

        Files.writeString(meta, good);
        Path chunk = arr.resolve("1/0/0");
        Files.write(chunk, new byte[5]);
        Volume truncated = VolumeReaders.open(arr);
        u = assertThrows(UncheckedIOException.class, () -> truncated.readSection(1));
        assertTrue(u.getMessage().contains(chunk.toString()) && u.getMessage().contains("truncated"), u.getMessage());
    }

    // --- interop with zarr-python (Debian python3-zarr); skipped when it is not installed ---

    /** The first interpreter (PATH python3, then Debian's) that imports zarr, or null. */
    private static final String PYTHON = findPython();

    private static String findPython() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import zarr, numcodecs").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException | InterruptedException e) {
                // try the next one
            }
        }
        return null;
    }

    private static boolean pythonZarr() {
        return PYTHON != null;
    }

    private static String python(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void zarrPythonReadsWhatEmsymWritesBitIdentical() throws Exception {
        Assumptions.assumeTrue(pythonZarr(), "python3-zarr not installed");
        for (PixelType type : PixelType.values()) {
            ArrayVolume v = TestVolumes.pattern(new VolumeShape(5, 9, 7), type, VoxelSize.nm(40, 5, 5));
            Path out = dir.resolve("j-" + type + ".zarr");
            ZarrWriter.write(v, out, new int[] {2, 4, 3}, "zlib", 2);
            // expected values from Java as raw little-endian float32; python compares bit for bit
            java.nio.ByteBuffer expected = java.nio.ByteBuffer.allocate(5 * 9 * 7 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (float[] sec : v.readSlab(0, 5)) {
                for (float f : sec) {
                    expected.putFloat(f);
                }
            }
            Path exp = dir.resolve("expected-" + type + ".raw");
            Files.write(exp, expected.array());
            String r = python("import zarr, numpy as np\n"
                    + "g = zarr.open_group('" + out + "', mode='r')\n"
                    + "a = g['0'][:]\n"
                    + "e = np.fromfile('" + exp + "', dtype='<f4')\n"
                    + "assert a.shape == (5, 9, 7), a.shape\n"
                    + "assert np.array_equal(a.astype('<f4').ravel().view('<u4'), e.view('<u4')), 'values differ'\n"
                    + "print(a.dtype, g.attrs['multiscales'][0]['datasets'][0]['coordinateTransformations'][0]['scale'])\n");
            assertTrue(r.contains("[40.0, 5.0, 5.0]"), r);
        }
    }

    @Test
    void emsymReadsWhatZarrPythonWritesBitIdentical() throws Exception {
        Assumptions.assumeTrue(pythonZarr(), "python3-zarr not installed");
        String[][] cases = {
            {"uint8", "None", "."}, {"uint16", "numcodecs.GZip(level=3)", "/"},
            {"float32", "numcodecs.Zlib(level=6)", "."}, {">u2", "numcodecs.Zlib(level=1)", "/"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path arr = dir.resolve("py" + i++);
            Path raw = dir.resolve("py" + i + ".raw");
            python("import zarr, numcodecs, numpy as np\n"
                    + "rng = np.random.default_rng(7)\n"
                    + "d = np.dtype('" + c[0] + "')\n"
                    + "a = (rng.random((6, 10, 9)) * 60000).astype(d) if d.kind != 'f' else rng.standard_normal((6, 10, 9)).astype(d)\n"
                    + "z = zarr.open_array('" + arr + "', mode='w', shape=a.shape, chunks=(4, 3, 4), dtype=d,"
                    + " compressor=" + c[1] + ", dimension_separator='" + c[2] + "')\n"
                    + "z[:] = a\n"
                    + "a.astype('<f4').tofile('" + raw + "')\n");
            Volume v = VolumeReaders.open(arr);
            assertEquals(new VolumeShape(6, 10, 9), v.shape());
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(raw)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            float[][] got = v.readSlab(0, 6);
            for (int z = 0; z < 6; z++) {
                for (int k = 0; k < 90; k++) {
                    assertEquals(Float.floatToIntBits(b.getFloat()), Float.floatToIntBits(got[z][k]),
                            c[0] + " " + c[1] + " at z=" + z + " k=" + k);
                }
            }
        }
    }
}
