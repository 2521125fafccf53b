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
            for (String codec : List.of("raw", "gzip", "zlib", "zstd")) {
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

    @Test
    void pyramidLevelsAreTheMeanOfTheStoredLevelBelowAndReadTheSourceOnlyOnceChunkRowByChunkRow() throws IOException {
        VolumeShape shape = new VolumeShape(7, 19, 13);
        ArrayVolume v = TestVolumes.pattern(shape, PixelType.UINT16, VoxelSize.nm(50, 4, 4));
        int[] maxSlab = {0};
        int[] sectionsRead = {0};
        Volume counting = new org.emsym.engine.volume.ForwardingVolume(v) {
            @Override
            public float[][] readSlab(int z0, int z1) {
                maxSlab[0] = Math.max(maxSlab[0], z1 - z0);
                sectionsRead[0] += z1 - z0;
                return super.readSlab(z0, z1);
            }
        };
        Path out = dir.resolve("pyramid.zarr");
        ZarrWriter.builder().setChunks(3, 5, 4).optCompressor(ZarrArray.Codec.ZSTD).optLevels(4).build()
                .write(counting, out);
        assertEquals(3, maxSlab[0], "level 0 reads one chunk row of sections at a time");
        assertEquals(7, sectionsRead[0], "the pyramid is computed from the stored levels, not by re-reading the source");
        Volume below = VolumeReaders.open(out, "0");
        for (int l = 1; l < 4; l++) {
            Volume level = VolumeReaders.open(out, Integer.toString(l));
            VolumeShape bs = below.shape();
            assertEquals(new VolumeShape(7, (bs.height() + 1) / 2, (bs.width() + 1) / 2), level.shape(), "level " + l);
            assertEquals(new VoxelSize(50, 4 << l, 4 << l, "nm"), level.voxelSize());
            for (int z = 0; z < 7; z++) {
                float[] b = below.readSection(z);
                float[] got = level.readSection(z);
                int w2 = level.shape().width();
                for (int y = 0; y < level.shape().height(); y++) {
                    for (int x = 0; x < w2; x++) {
                        double sum = 0;
                        int n = 0;
                        for (int yy = 2 * y; yy < Math.min(bs.height(), 2 * y + 2); yy++) {
                            for (int xx = 2 * x; xx < Math.min(bs.width(), 2 * x + 2); xx++) {
                                sum += b[yy * bs.width() + xx];
                                n++;
                            }
                        }
                        assertEquals(Math.rint(sum / n), got[y * w2 + x], 0, "level " + l + " z=" + z + " y=" + y + " x=" + x);
                    }
                }
            }
            below = level;
        }
    }

    @Test
    void writesLabelsBesideTheRawDataAsAnNgffLabelImage() throws IOException {
        VolumeShape shape = new VolumeShape(4, 10, 9);
        Path image = dir.resolve("raw.zarr");
        VolumeWriters.write(TestVolumes.pattern(shape, PixelType.UINT8, VoxelSize.nm(40, 8, 8)), image);
        float[][] mask = new float[4][90];
        for (int z = 0; z < 4; z++) {
            for (int i = 0; i < 90; i++) {
                mask[z][i] = (i + z) % 3 == 0 ? 255 : 0;
            }
        }
        ArrayVolume labels = new ArrayVolume(shape, PixelType.UINT8, VoxelSize.nm(40, 8, 8), mask, "mask");
        Path target = image.resolve("labels").resolve("membranes");
        assertEquals(VolumeFormat.ZARR, VolumeFormat.detect(target));
        VolumeWriters.write(labels, target);
        VolumeWriters.write(labels, image.resolve("labels").resolve("again"));
        VolumeWriters.write(labels, target); // rewriting a label image replaces it, the list stays unique

        String list = Files.readString(image.resolve("labels/.zattrs"));
        assertTrue(list.replaceAll("\\s", "").contains("\"labels\":[\"membranes\",\"again\"]"), list);
        String attrs = Files.readString(target.resolve(".zattrs")).replaceAll("\\s", "");
        assertTrue(attrs.contains("\"image-label\":{\"version\":\"0.4\",\"source\":{\"image\":\"../../\"}}"), attrs);
        Volume back = VolumeReaders.open(target);
        assertSame(labels, back);
        assertEquals(VoxelSize.nm(40, 8, 8), back.voxelSize());
        // nearest: level 1 keeps label values (no 127.5 means)
        Volume level1 = VolumeReaders.open(target, "1");
        float[] s1 = level1.readSection(2);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                assertEquals(mask[2][(2 * y) * 9 + 2 * x], s1[y * 5 + x], 0f);
            }
        }
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeWriters.write(
                TestVolumes.pattern(new VolumeShape(4, 10, 8), PixelType.UINT8, VoxelSize.UNKNOWN),
                image.resolve("labels").resolve("wrong")));
        assertTrue(e.getMessage().contains(image.toString()) && e.getMessage().contains("shape"), e.getMessage());
        e = assertThrows(VolumeFormatException.class, () -> ZarrWriter.builder().build().writeLabels(
                TestVolumes.pattern(shape, PixelType.FLOAT32, VoxelSize.UNKNOWN), image, "probabilities"));
        assertTrue(e.getMessage().contains("FLOAT32"), e.getMessage());
        if (PythonZarr.available()) {
            try {
                String r = PythonZarr.run("import zarr\n"
                        + "g = zarr.open_group('" + image + "', mode='r')\n"
                        + "print(list(g['labels'].attrs['labels']), g['labels/membranes/0'].shape,"
                        + " g['labels/membranes'].attrs['image-label']['source'])\n");
                assertTrue(r.contains("['membranes', 'again'] (4, 10, 9) {'image': '../../'}"), r);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void refusesANonEmptyTargetAndLeavesNothingWhenTheSourceFails() throws IOException {
        Path out = dir.resolve("busy.zarr");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "x");
        VolumeFormatException e = assertThrows(VolumeFormatException.class,
                () -> VolumeWriters.write(TestVolumes.pattern(new VolumeShape(2, 4, 4), PixelType.UINT8, VoxelSize.UNKNOWN), out));
        assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("not empty"), e.getMessage());

        Path failed = dir.resolve("failed.zarr");
        ArrayVolume v = TestVolumes.pattern(new VolumeShape(6, 4, 4), PixelType.UINT8, VoxelSize.UNKNOWN);
        Volume failing = new org.emsym.engine.volume.ForwardingVolume(v) {
            @Override
            public float[][] readSlab(int z0, int z1) {
                if (z1 > 3) {
                    throw new UncheckedIOException(new IOException("disk gone"));
                }
                return super.readSlab(z0, z1);
            }
        };
        assertThrows(IOException.class, () -> ZarrWriter.builder().setChunks(2, 4, 4).build().write(failing, failed));
        try (var left = Files.list(dir)) {
            assertEquals(List.of("busy.zarr"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no output and no temporary left behind");
        }
    }

    // --- interop with zarr-python (Debian python3-zarr); skipped when it is not installed ---

    @Test
    void zarrPythonReadsWhatEmsymWritesBitIdentical() throws Exception {
        Assumptions.assumeTrue(PythonZarr.available(), "python3-zarr not installed");
        for (PixelType type : PixelType.values()) {
            for (String codec : List.of("zlib", "zstd")) {
                ArrayVolume v = TestVolumes.pattern(new VolumeShape(5, 9, 7), type, VoxelSize.nm(40, 5, 5));
                Path out = dir.resolve("j-" + type + "-" + codec + ".zarr");
                ZarrWriter.write(v, out, new int[] {2, 4, 3}, codec, 2);
                // expected values from Java as raw little-endian float32; python compares bit for bit
                java.nio.ByteBuffer expected = java.nio.ByteBuffer.allocate(5 * 9 * 7 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (float[] sec : v.readSlab(0, 5)) {
                    for (float f : sec) {
                        expected.putFloat(f);
                    }
                }
                Path exp = dir.resolve("expected-" + type + ".raw");
                Files.write(exp, expected.array());
                String r = PythonZarr.run("import zarr, numpy as np\n"
                        + "g = zarr.open_group('" + out + "', mode='r')\n"
                        + "a = g['0'][:]\n"
                        + "e = np.fromfile('" + exp + "', dtype='<f4')\n"
                        + "assert a.shape == (5, 9, 7), a.shape\n"
                        + "assert np.array_equal(a.astype('<f4').ravel().view('<u4'), e.view('<u4')), 'values differ'\n"
                        + "print(a.dtype, g['0'].compressor.codec_id, g.attrs['multiscales'][0]['datasets'][0]['coordinateTransformations'][0]['scale'])\n");
                assertTrue(r.contains("[40.0, 5.0, 5.0]") && r.contains(codec), r);
            }
        }
    }

    @Test
    void emsymReadsWhatZarrPythonWritesBitIdentical() throws Exception {
        Assumptions.assumeTrue(PythonZarr.available(), "python3-zarr not installed");
        String[][] cases = {
            {"uint8", "None", "."}, {"uint16", "numcodecs.GZip(level=3)", "/"},
            {"float32", "numcodecs.Zlib(level=6)", "."}, {">u2", "numcodecs.Zlib(level=1)", "/"},
            {"uint8", "numcodecs.Zstd(level=3)", "/"}, {"uint16", "numcodecs.Zstd(level=1)", "."},
            {"float32", "numcodecs.Zstd(level=9)", "/"}, {">f4", "numcodecs.Zstd(level=5)", "."},
        };
        int i = 0;
        for (String[] c : cases) {
            Path arr = dir.resolve("py" + i++);
            Path raw = dir.resolve("py" + i + ".raw");
            PythonZarr.run("import zarr, numcodecs, numpy as np\n"
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
