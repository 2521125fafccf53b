package org.emsym.engine.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.emsym.engine.model.EncoderRegistry;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.Upsampling;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An independent implementation checks every exported architecture: the reference {@code onnx} Python package's
 * {@code onnx.checker.check_model(..., full_check=True)} (structure, operator schemas of the declared opset, shape
 * inference). {@code .ci/run} installs Debian's {@code python3-onnx}; the test skips where it is absent.
 */
class OnnxCheckerTest {

    private static final String CHECK = "import sys, onnx; m = onnx.load(sys.argv[1]);"
            + " onnx.checker.check_model(m, full_check=True);"
            + " print('ok', m.opset_import[0].version, len(m.graph.node))";

    @TempDir
    Path dir;

    /** The first interpreter (PATH python3, then Debian's) that imports onnx. */
    private static String python;

    @BeforeAll
    static void requireOnnxPackage() throws InterruptedException {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import onnx").redirectErrorStream(true).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    python = candidate;
                    break;
                }
            } catch (IOException e) {
                // no such interpreter: try the next
            }
        }
        assumeTrue(python != null, "python3-onnx is not installed");
    }

    @ParameterizedTest(name = "{0} k={1} {2}")
    @CsvSource({"resnet18, 1, BILINEAR", "resnet34, 2, NEAREST", "resnet50, 1, BILINEAR", "mobilenet_v2, 2, BILINEAR"})
    void theOnnxCheckerAcceptsTheExport(String architecture, int k, Upsampling upsampling) throws Exception {
        int channels = 2 * k + 1;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            UNet net = UNet.builder().setEncoder(EncoderRegistry.defaultRegistry().create(architecture, channels))
                    .optDecoderChannels(16, 16, 8, 8, 8).optUpsampling(upsampling).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, channels, 64, 64));
            Path file = OnnxExporter.builder().build().write(net, dir.resolve(architecture + ".onnx"));
            Process p = new ProcessBuilder(List.of(python, "-c", CHECK, file.toString())).redirectErrorStream(true).start();
            boolean done = p.waitFor(300, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            System.out.println("onnx.checker " + architecture + " k=" + k + ": " + out);
            assertEquals(true, done, "onnx.checker did not finish on " + file);
            assertEquals(0, p.exitValue(), "onnx.checker rejects the " + architecture + " export: " + out);
            assertEquals(true, out.startsWith("ok " + OnnxGraph.OPSET), out);
        }
    }
}
