package org.emsym.engine.volume.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zarr v3 and NGFF 0.5. Debian's zarr-python 2.13 has no Zarr v3, so the fixtures here are written by hand to the
 * Zarr v3 core specification (metadata as literal JSON, chunk bytes encoded in the test with the JDK's gzip and
 * CRC32C, transposed and byte-swapped by the test's own loops), and what EMSym writes is checked field by field
 * against the specification and decoded by the test (and, where installed, by numcodecs/numpy) without EMSym's
 * reader. Not checked independently: that a real Zarr v3 implementation (zarr-python 3, tensorstore) accepts the
 * files.
 */
class ZarrV3Test {

    @TempDir
    Path dir;

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(raw);
        }
        return out.toByteArray();
    }

    private static float expected(int z, int y, int x) {
        return 1000 * z + 10 * y + x + 300;
    }

    @Test
    void readsAHandWrittenV3ArrayWithTransposeBigEndianGzipAndEdgeChunks() throws IOException {
        Path arr = dir.resolve("hand.zarr");
        Files.createDirectories(arr);
        Files.writeString(arr.resolve("zarr.json"), """
                {
                  "zarr_format": 3,
                  "node_type": "array",
                  "shape": [3, 5, 4],
                  "data_type": "uint16",
                  "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [2, 3, 3]}},
                  "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
                  "fill_value": 7,
                  "codecs": [
                    {"name": "transpose", "configuration": {"order": [2, 1, 0]}},
                    {"name": "bytes", "configuration": {"endian": "big"}},
                    {"name": "gzip", "configuration": {"level": 1}}
                  ],
                  "attributes": {},
                  "dimension_names": ["z", "y", "x"]
                }
                """);
        int[] c = {2, 3, 3};
        for (int cz = 0; cz < 2; cz++) {
            for (int cy = 0; cy < 2; cy++) {
                for (int cx = 0; cx < 2; cx++) {
                    if (cz == 1 && cy == 1 && cx == 0) {
                        continue; // missing: reads as the fill value
                    }
                    // transpose [2,1,0]: the stored array is (x, y, z) in C order; edge chunks padded with fill
                    ByteBuffer b = ByteBuffer.allocate(18 * 2).order(ByteOrder.BIG_ENDIAN);
                    for (int x = 0; x < c[2]; x++) {
                        for (int y = 0; y < c[1]; y++) {
                            for (int z = 0; z < c[0]; z++) {
                                int gz = cz * 2 + z;
                                int gy = cy * 3 + y;
                                int gx = cx * 3 + x;
                                boolean inside = gz < 3 && gy < 5 && gx < 4;
                                b.putShort((short) (inside ? (int) expected(gz, gy, gx) : 7));
                            }
                        }
                    }
                    Path chunk = arr.resolve("c/" + cz + "/" + cy + "/" + cx);
                    Files.createDirectories(chunk.getParent());
                    Files.write(chunk, gzip(b.array()));
                }
            }
        }
        Volume v = VolumeReaders.open(arr);
        assertEquals(new VolumeShape(3, 5, 4), v.shape());
        assertEquals(PixelType.UINT16, v.pixelType());
        float[][] got = v.readSlab(0, 3);
        for (int z = 0; z < 3; z++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 4; x++) {
                    boolean missing = z >= 2 && y >= 3 && x < 3;
                    assertEquals(missing ? 7 : expected(z, y, x), got[z][y * 4 + x], 0f, "z=" + z + " y=" + y + " x=" + x);
                }
            }
        }
    }

    @Test
    void readsAnNgff05GroupWithV2KeyEncodingCrc32cAndNanFill() throws IOException {
        Path group = dir.resolve("image.zarr");
        Path arr = group.resolve("s1");
        Files.createDirectories(arr);
        Files.writeString(group.resolve("zarr.json"), """
                {"zarr_format": 3, "node_type": "group", "attributes": {"ome": {"version": "0.5", "multiscales": [{
                  "name": "hand", "axes": [
                    {"name": "z", "type": "space", "unit": "micrometer"},
                    {"name": "y", "type": "space", "unit": "micrometer"},
                    {"name": "x", "type": "space", "unit": "micrometer"}],
                  "datasets": [
                    {"path": "s0", "coordinateTransformations": [{"type": "scale", "scale": [0.05, 0.004, 0.004]}]},
                    {"path": "s1", "coordinateTransformations": [{"type": "scale", "scale": [0.05, 0.008, 0.008]}]}],
                  "coordinateTransformations": [{"type": "scale", "scale": [2, 1, 1]}]
                }]}}}
                """);
        Files.writeString(arr.resolve("zarr.json"), """
                {"zarr_format": 3, "node_type": "array", "shape": [2, 2, 3], "data_type": "float32",
                 "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [1, 2, 3]}},
                 "chunk_key_encoding": {"name": "v2", "configuration": {"separator": "."}},
                 "fill_value": "NaN",
                 "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}]}
                """);
        ByteBuffer b = ByteBuffer.allocate(6 * 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            b.putFloat(i - 2.5f);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 24);
        b.putInt((int) crc.getValue());
        Files.write(arr.resolve("0.0.0"), b.array());

        Volume v = VolumeReaders.openAsStored(group, "s1");
        assertEquals(new VolumeShape(2, 2, 3), v.shape());
        assertEquals(new VoxelSize(0.1, 0.008, 0.008, "um"), v.voxelSize());
        assertArrayEquals(new float[] {-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f}, v.readSection(0), 0f);
        for (float f : v.readSection(1)) {
            assertTrue(Float.isNaN(f), "missing chunk reads as the NaN fill value");
        }
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(group, "s2"));
        assertTrue(e.getMessage().contains("'s2'") && e.getMessage().contains("s0, s1"), e.getMessage());

        byte[] corrupt = b.array().clone();
        corrupt[3] ^= 1;
        Files.write(arr.resolve("0.0.0"), corrupt);
        UncheckedIOException u = assertThrows(UncheckedIOException.class,
                () -> VolumeReaders.openAsStored(group, "s1").readSection(0));
        assertTrue(u.getMessage().contains(arr.resolve("0.0.0").toString()) && u.getMessage().contains("crc32c"),
                u.getMessage());
    }

    @Test
    void writesV3MetadataAndChunksToTheSpec() throws IOException {
        VolumeShape shape = new VolumeShape(5, 7, 6);
        ArrayVolume v = TestVolumes.pattern(shape, PixelType.UINT16, VoxelSize.nm(30, 4, 4));
        Path group = dir.resolve("out.zarr");
        ZarrWriter.builder().setChunks(2, 4, 4).optCompressor(ZarrArray.Codec.GZIP).optFormat(ZarrFormat.V3)
                .optLevels(2).build().write(v, group);
        assertFalse(Files.exists(group.resolve(".zattrs")) || Files.exists(group.resolve("0/.zarray")));

        JsonObject g = JsonParser.parseString(Files.readString(group.resolve("zarr.json"))).getAsJsonObject();
        assertEquals(3, g.get("zarr_format").getAsInt());
        assertEquals("group", g.get("node_type").getAsString());
        JsonObject ome = g.getAsJsonObject("attributes").getAsJsonObject("ome");
        assertEquals("0.5", ome.get("version").getAsString());
        JsonObject ms = ome.getAsJsonArray("multiscales").get(0).getAsJsonObject();
        assertFalse(ms.has("version"), "NGFF 0.5 keeps the version in attributes.ome only");
        JsonArray axes = ms.getAsJsonArray("axes");
        assertEquals(3, axes.size());
        for (int i = 0; i < 3; i++) {
            assertEquals("zyx".substring(i, i + 1), axes.get(i).getAsJsonObject().get("name").getAsString());
            assertEquals("space", axes.get(i).getAsJsonObject().get("type").getAsString());
            assertEquals("nanometer", axes.get(i).getAsJsonObject().get("unit").getAsString());
        }
        assertEquals("[30.0,8.0,8.0]", ms.getAsJsonArray("datasets").get(1).getAsJsonObject()
                .getAsJsonArray("coordinateTransformations").get(0).getAsJsonObject().get("scale").toString());

        JsonObject a = JsonParser.parseString(Files.readString(group.resolve("0/zarr.json"))).getAsJsonObject();
        assertEquals(3, a.get("zarr_format").getAsInt());
        assertEquals("array", a.get("node_type").getAsString());
        assertEquals("[5,7,6]", a.get("shape").toString());
        assertEquals("uint16", a.get("data_type").getAsString());
        assertEquals("{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[2,4,4]}}", a.get("chunk_grid").toString());
        assertEquals("{\"name\":\"default\",\"configuration\":{\"separator\":\"/\"}}",
                a.get("chunk_key_encoding").toString());
        assertEquals(0, a.get("fill_value").getAsInt());
        JsonArray codecs = a.getAsJsonArray("codecs");
        assertEquals("{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}}", codecs.get(0).toString());
        assertEquals("gzip", codecs.get(1).getAsJsonObject().get("name").getAsString());

        // chunk (2, 1, 1) is the edge chunk z 4..5 (of 5), y 4..7 (of 7), x 4..7 (of 6): decoded by hand
        Path chunk = group.resolve("0/c/2/1/1");
        byte[] raw;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(chunk))) {
            raw = in.readAllBytes();
        }
        assertEquals(2 * 4 * 4 * 2, raw.length, "edge chunks are stored whole");
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    int value = b.getShort() & 0xffff;
                    if (4 + z < 5 && 4 + y < 7 && 4 + x < 6) {
                        assertEquals(TestVolumes.value(PixelType.UINT16, 4 + z, 4 + y, 4 + x), value, 0f);
                    }
                }
            }
        }
        Volume back = VolumeReaders.open(group);
        assertEquals(VoxelSize.nm(30, 4, 4), back.voxelSize());
        for (int z = 0; z < 5; z++) {
            assertArrayEquals(v.readSection(z), back.readSection(z), 0f);
        }
        assertEquals(new VolumeShape(5, 4, 3), VolumeReaders.open(group, "1").shape());
    }

    @Test
    void labelsOfAV3ImageAreV3() throws IOException {
        VolumeShape shape = new VolumeShape(2, 6, 6);
        Path group = dir.resolve("img.zarr");
        ZarrWriter.builder().optFormat(ZarrFormat.V3).optCompressor(ZarrArray.Codec.ZSTD).build()
                .write(TestVolumes.pattern(shape, PixelType.UINT8, VoxelSize.UNKNOWN), group);
        // a v2/zlib writer: the label image follows the group's format, zlib becoming gzip
        ZarrWriter.builder().build().writeLabels(TestVolumes.pattern(shape, PixelType.UINT16, VoxelSize.UNKNOWN),
                group, "cells");
        JsonObject labels = JsonParser.parseString(Files.readString(group.resolve("labels/zarr.json"))).getAsJsonObject();
        assertEquals("[\"cells\"]", labels.getAsJsonObject("attributes").getAsJsonObject("ome").get("labels").toString());
        JsonObject cells = JsonParser.parseString(Files.readString(group.resolve("labels/cells/zarr.json")))
                .getAsJsonObject().getAsJsonObject("attributes").getAsJsonObject("ome");
        assertEquals("{\"source\":{\"image\":\"../../\"}}", cells.get("image-label").toString());
        assertTrue(Files.readString(group.resolve("labels/cells/0/zarr.json")).contains("\"gzip\""));
        assertEquals(PixelType.UINT16, VolumeReaders.open(group.resolve("labels/cells")).pixelType());
    }

    @Test
    void badV3InputNamesThePathAndTheProblem() throws IOException {
        Path arr = dir.resolve("bad");
        ZarrArray.create(arr, new VolumeShape(2, 4, 4), new int[] {1, 4, 4}, PixelType.UINT8, ZarrArray.Codec.GZIP, 1,
                "/", ZarrFormat.V3).writeChunk(0, 0, 0, new float[16]);
        Path meta = arr.resolve("zarr.json");
        String good = Files.readString(meta);
        String[][] cases = {
            {"\"name\": \"gzip\"", "\"name\": \"blosc\"", "'blosc'"},
            {"\"name\": \"gzip\"", "\"name\": \"sharding_indexed\"", "'sharding_indexed'"},
            {"\"name\": \"gzip\"", "\"name\": \"lz4hc\"", "'lz4hc'"},
            {"\"uint8\"", "\"int64\"", "'int64'"},
            {"\"zarr_format\": 3", "\"zarr_format\": 4", "zarr_format must be 3"},
            {"\"regular\"", "\"rectilinear\"", "rectilinear"},
        };
        for (String[] c : cases) {
            Files.writeString(meta, good.replace(c[0], c[1]));
            VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(arr), c[1]);
            assertTrue(e.getMessage().contains(meta.toString()) && e.getMessage().contains(c[2]), e.getMessage());
        }
        Files.writeString(meta, good);
        Files.write(arr.resolve("c/0/0/0"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
        UncheckedIOException u = assertThrows(UncheckedIOException.class, () -> VolumeReaders.open(arr).readSection(0));
        assertTrue(u.getMessage().contains(arr.resolve("c/0/0/0").toString()) && u.getMessage().contains("truncated"),
                u.getMessage());
        Files.delete(meta);
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> ZarrArray.open(arr));
        assertTrue(e.getMessage().contains(arr.resolve(".zarray").toString()) && e.getMessage().contains("zarr.json"),
                e.getMessage());
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class,
                () -> ZarrWriter.builder().optFormat(ZarrFormat.V3).optCompressor(ZarrArray.Codec.ZLIB).build());
        assertTrue(z.getMessage().contains("zlib"), z.getMessage());
    }

    @Test
    void numcodecsDecodesTheV3ChunksEmsymWrites() throws Exception {
        Assumptions.assumeTrue(PythonZarr.available(), "python3-zarr / numcodecs not installed");
        VolumeShape shape = new VolumeShape(5, 9, 7);
        ArrayVolume v = TestVolumes.pattern(shape, PixelType.FLOAT32, VoxelSize.UNKNOWN);
        Path group = dir.resolve("py.zarr");
        ZarrWriter.builder().setChunks(2, 4, 3).optCompressor(ZarrArray.Codec.ZSTD).optFormat(ZarrFormat.V3)
                .optLevels(1).build().write(v, group);
        ByteBuffer expected = ByteBuffer.allocate(5 * 9 * 7 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] sec : v.readSlab(0, 5)) {
            for (float f : sec) {
                expected.putFloat(f);
            }
        }
        Path exp = dir.resolve("expected.raw");
        Files.write(exp, expected.array());
        // the reader below uses only json, numcodecs.Zstd and numpy, following zarr.json's own fields
        String r = PythonZarr.run("import json, os, numpy as np, numcodecs\n"
                + "root = '" + group.resolve("0") + "'\n"
                + "m = json.load(open(os.path.join(root, 'zarr.json')))\n"
                + "assert m['codecs'][1]['name'] == 'zstd'\n"
                + "shape = m['shape']; cs = m['chunk_grid']['configuration']['chunk_shape']\n"
                + "sep = m['chunk_key_encoding']['configuration']['separator']\n"
                + "a = np.zeros(shape, dtype='<f4')\n"
                + "for cz in range(-(-shape[0] // cs[0])):\n"
                + "  for cy in range(-(-shape[1] // cs[1])):\n"
                + "    for cx in range(-(-shape[2] // cs[2])):\n"
                + "      key = sep.join(['c', str(cz), str(cy), str(cx)])\n"
                + "      raw = numcodecs.Zstd().decode(open(os.path.join(root, key), 'rb').read())\n"
                + "      c = np.frombuffer(raw, dtype='<f4').reshape(cs)\n"
                + "      z0, y0, x0 = cz * cs[0], cy * cs[1], cx * cs[2]\n"
                + "      t = a[z0:z0 + cs[0], y0:y0 + cs[1], x0:x0 + cs[2]]\n"
                + "      t[...] = c[:t.shape[0], :t.shape[1], :t.shape[2]]\n"
                + "e = np.fromfile('" + exp + "', dtype='<f4')\n"
                + "assert np.array_equal(a.ravel().view('<u4'), e.view('<u4')), 'values differ'\n"
                + "print('ok', a.shape)\n");
        assertTrue(r.contains("ok (5, 9, 7)"), r);
    }
}
