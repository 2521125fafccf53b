package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeReaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emsym convert} and {@code emsym predict} with OME-Zarr inputs and outputs. */
class OmeZarrCliTest {

    @TempDir
    Path dir;

    private Path synth(String shape) {
        Path image = dir.resolve("image.tif");
        CliRun run = CliRun.of("synth", "--shape", shape, "--out", image.toString(), "--labels-out",
                dir.resolve("membranes.tif").toString());
        assertEquals(EmsymCli.OK, run.exitCode(), run::toString);
        return image;
    }

    private static void assertSameVolume(Volume expected, Volume actual) {
        assertEquals(expected.shape(), actual.shape());
        assertEquals(expected.pixelType(), actual.pixelType());
        for (int z = 0; z < expected.shape().depth(); z++) {
            assertArrayEquals(expected.readSection(z), actual.readSection(z), 0f, "section " + z);
        }
    }

    @Test
    void convertsTiffToOmeZarrWithProgressAndBackFromAnyLevel() throws Exception {
        Path image = synth("5x40x36");
        Path zarr = dir.resolve("image.zarr");
        List<Double> fractions = new ArrayList<>();
        CliRun run = CliRun.of((f, m) -> fractions.add(f), Cancellation.NEVER, "convert", "-i", image.toString(),
                "-o", zarr.toString(), "--chunks", "2x16x16", "--compressor", "zstd", "--zarr-format", "3",
                "--levels", "2");
        assertEquals(EmsymCli.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("converted") && run.out().contains(zarr.toString()), run::toString);
        assertTrue(Files.isRegularFile(zarr.resolve("zarr.json")) && Files.isRegularFile(zarr.resolve("1/zarr.json")));
        assertTrue(Files.readString(zarr.resolve("0/zarr.json")).contains("\"zstd\""));
        assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-9, "progress ends at 1");
        assertTrue(fractions.size() >= 3 * 2, "one report per chunk row and level: " + fractions);
        Volume tif = VolumeReaders.open(image);
        assertSameVolume(tif, VolumeReaders.open(zarr));
        assertEquals(tif.voxelSize(), VolumeReaders.open(zarr).voxelSize(), "voxel size carried");

        Path half = dir.resolve("half.tif");
        run = CliRun.of("convert", "-i", zarr.toString(), "--level", "1", "-o", half.toString());
        assertEquals(EmsymCli.OK, run.exitCode(), run::toString);
        assertEquals(new VolumeShape(5, 20, 18), VolumeReaders.open(half).shape());

        Path labels = zarr.resolve("labels").resolve("membranes");
        run = CliRun.of("convert", "-i", dir.resolve("membranes.tif").toString(), "-o", labels.toString());
        assertEquals(EmsymCli.OK, run.exitCode(), run::toString);
        assertSameVolume(VolumeReaders.open(dir.resolve("membranes.tif")), VolumeReaders.open(labels));
        assertTrue(Files.readString(zarr.resolve("labels/zarr.json")).contains("membranes"));
    }

    @Test
    void convertRefusesBadOptionsNamingThem() throws Exception {
        Path image = synth("2x16x16");
        String[][] cases = {
            {"--compressor", "blosc", "-o", dir.resolve("a.zarr").toString(), "blosc"},
            {"--compressor", "zlib", "--zarr-format", "3", "-o", dir.resolve("b.zarr").toString(), "zlib"},
            {"--chunks", "2x0x16", "-o", dir.resolve("c.zarr").toString(), "--chunks"},
            {"--chunks", "2x16x16", "-o", dir.resolve("d.tif").toString(), "apply to a .zarr --out"},
            {"--level", "1", "-o", dir.resolve("e.zarr").toString(), "--level 1 applies to an OME-Zarr input"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("convert", "-i", image.toString()));
            args.addAll(List.of(c).subList(0, c.length - 1));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
            assertTrue(run.err().contains(c[c.length - 1]), run::toString);
            assertFalse(Files.exists(Path.of(c[c.length - 2])), "nothing written for " + run);
        }
        Path busy = dir.resolve("busy.zarr");
        Files.createDirectories(busy);
        Files.writeString(busy.resolve("x"), "x");
        CliRun run = CliRun.of("convert", "-i", image.toString(), "-o", busy.toString());
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(busy.toString()) && run.err().contains("not empty"), run::toString);
        run = CliRun.of("convert", "-i", dir.resolve("missing.zarr").toString(), "-o", dir.resolve("f.tif").toString());
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("missing.zarr"), run::toString);
    }

    @Test
    void predictReadsAZarrLevelAndWritesBlockwiseProbabilitiesAndALabelImageBesideTheRawData() throws Exception {
        Path weights = NsfwjsTestModel.modelJson();
        Path bundle = dir.resolve("bundle");
        assertEquals(EmsymCli.OK, CliRun.of("symmetrize", "--weights", weights.toString(), "--size", "64", "--decoder",
                "16,16,16,8,8", "--out", bundle.toString()).exitCode());
        Path image = synth("3x64x96");
        Path raw = dir.resolve("raw.zarr");
        assertEquals(EmsymCli.OK, CliRun.of("convert", "-i", image.toString(), "-o", raw.toString(), "--chunks",
                "2x32x32").exitCode());
        Path tif = dir.resolve("p.tif");
        CliRun once = CliRun.of("predict", "--model", bundle.toString(), "--image", image.toString(), "--tile", "64",
                "--out", tif.toString());
        assertEquals(EmsymCli.OK, once.exitCode(), once::toString);

        Path pred = dir.resolve("pred.zarr");
        Path labels = raw.resolve("labels").resolve("membranes");
        CliRun run = CliRun.of("predict", "--model", bundle.toString(), "--image", raw.toString(), "--level", "0",
                "--tile", "64", "--out", pred.toString(), "--chunks", "2x32x32", "--block", "1x1x2",
                "--compressor", "zstd", "--labels-out", labels.toString());
        assertEquals(EmsymCli.OK, run.exitCode(), run::toString);
        Volume expected = VolumeReaders.open(tif);
        Volume got = VolumeReaders.open(pred);
        assertEquals(PixelType.FLOAT32, got.pixelType());
        double diff = 0;
        for (int z = 0; z < 3; z++) {
            float[] e = expected.readSection(z);
            float[] g = got.readSection(z);
            for (int i = 0; i < e.length; i++) {
                diff = Math.max(diff, Math.abs(e[i] - g[i]));
            }
        }
        assertTrue(diff <= 1e-5, "block-wise OME-Zarr vs one-pass TIFF: max abs diff " + diff);
        assertEquals(PixelType.UINT8, VolumeReaders.open(labels).pixelType());
        assertTrue(Files.readString(raw.resolve("labels/.zattrs")).contains("membranes"));

        Path lost = pred.resolve("0/1/1/2");
        Files.delete(lost);
        String[] again = {"predict", "--model", bundle.toString(), "--image", raw.toString(), "--tile", "64", "--out",
            pred.toString(), "--chunks", "2x32x32", "--block", "1x1x2", "--compressor", "zstd"};
        CliRun refused = CliRun.of(again);
        assertEquals(EmsymCli.BAD_INPUT, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("--resume"), refused::toString);
        List<String> resumed = new ArrayList<>(List.of(again));
        resumed.add("--resume");
        CliRun rerun = CliRun.of(resumed.toArray(String[]::new));
        assertEquals(EmsymCli.OK, rerun.exitCode(), rerun::toString);
        assertTrue(Files.isRegularFile(lost), "the lost chunk's block is computed again");
        assertArrayEquals(expected.readSection(2), VolumeReaders.open(pred).readSection(2), 1e-5f,
                "the recomputed section equals the one-pass prediction");

        CliRun intoImage = CliRun.of("predict", "--model", bundle.toString(), "--image", raw.toString(), "--tile", "64",
                "--out", raw.resolve("0").toString());
        assertEquals(EmsymCli.BAD_INPUT, intoImage.exitCode(), intoImage::toString);
        assertTrue(intoImage.err().contains("inside --image"), intoImage::toString);
    }
}
