package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emsym.engine.interop.bioimageio.ModelPackage;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeReaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code emsym export} (bioimage.io package, ONNX file) and {@code emsym predict} with a package and with
 * {@code --engine onnx|torch}, on a bundle of the real pretrained nsfwjs MobileNetV2 (skipped when the build could
 * not fetch it): every route gives the same probabilities within 1e-4.
 */
class BioimageioCliTest {

    @TempDir
    static Path dir;

    private static Path bundle;
    private static Path image;

    @BeforeAll
    static void bundleAndImage() throws Exception {
        Path weights = NsfwjsTestModel.modelJson();
        bundle = dir.resolve("bundle");
        CliRun made = CliRun.of("symmetrize", "--weights", weights.toString(), "--size", "64", "--decoder", "16,16,16,8,8",
                "--out", bundle.toString());
        assertEquals(EmsymCli.OK, made.exitCode(), made::toString);
        image = dir.resolve("image.tif");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "3x64x96", "--out", image.toString(), "--labels-out",
                dir.resolve("labels.tif").toString()).exitCode());
    }

    @Test
    void exportedPackageAndBothEnginesPredictTheSame() throws Exception {
        Path zip = dir.resolve("out/model.zip");
        CliRun export = CliRun.of("export", "--format", "bioimageio", "-m", bundle.toString(), "-o", zip.toString(),
                "--author", "A. Biologist;EM lab", "--cite", "The data;10.1234/example", "--training-data", "synthetic");
        assertEquals(EmsymCli.OK, export.exitCode(), export::toString);
        assertTrue(export.out().contains("wrote bioimage.io package"), export::toString);
        assertTrue(ModelPackage.isPackage(zip) && Files.size(zip) > 100_000);

        Path onnx = dir.resolve("out/model.onnx");
        CliRun plain = CliRun.of("export", "--format", "onnx", "-m", bundle.toString(), "-o", onnx.toString());
        assertEquals(EmsymCli.OK, plain.exitCode(), plain::toString);
        assertTrue(Files.size(onnx) > 100_000);

        float[] fromPackage = predict("package", "-m", zip.toString());
        float[] torch = predict("torch", "-m", bundle.toString(), "--engine", "torch");
        float[] onnxRuntime = predict("onnx", "-m", bundle.toString(), "--engine", "onnx");
        assertTrue(maxDiff(torch, onnxRuntime) <= 1e-4, "onnx vs torch " + maxDiff(torch, onnxRuntime));
        assertTrue(maxDiff(torch, fromPackage) <= 1e-4, "package vs torch " + maxDiff(torch, fromPackage));
    }

    @Test
    void badEngineAndExistingTargetsExitWithTwo() throws Exception {
        CliRun engine = CliRun.of("predict", "-m", bundle.toString(), "-i", image.toString(), "--engine", "tensorrt",
                "--out", dir.resolve("x.tif").toString());
        assertEquals(EmsymCli.BAD_INPUT, engine.exitCode(), engine::toString);
        assertTrue(engine.err().contains("tensorrt"), engine::toString);
        Path existing = Files.writeString(dir.resolve("taken.onnx"), "keep");
        CliRun taken = CliRun.of("export", "--format", "onnx", "-m", bundle.toString(), "-o", existing.toString());
        assertEquals(EmsymCli.BAD_INPUT, taken.exitCode(), taken::toString);
        assertEquals("keep", Files.readString(existing));
        CliRun wrong = CliRun.of("export", "--format", "onnx", "-m", bundle.toString(), "-o", dir.resolve("m.zip").toString());
        assertEquals(EmsymCli.BAD_INPUT, wrong.exitCode(), wrong::toString);
    }

    private static float[] predict(String name, String... model) throws Exception {
        Path out = dir.resolve("pred-" + name + ".tif");
        String[] args = new String[model.length + 7];
        args[0] = "predict";
        System.arraycopy(model, 0, args, 1, model.length);
        String[] rest = {"-i", image.toString(), "--tile", "256", "--out", out.toString()};
        System.arraycopy(rest, 0, args, 1 + model.length, rest.length);
        CliRun run = CliRun.of(args);
        assertEquals(EmsymCli.OK, run.exitCode(), run::toString);
        Volume p = VolumeReaders.open(out);
        return p.readSlab(0, 3)[1];
    }

    private static double maxDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
