package org.emsym.engine.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.util.PairList;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protobuf reading of an ONNX graph's inputs/outputs agrees with ONNX Runtime's own API (a test dependency). */
class OnnxSignatureTest {

    @TempDir
    Path dir;

    @Test
    void namesAndShapesMatchOnnxRuntime() throws IOException, OrtException {
        Path file = TinyOnnxModel.write(dir.resolve("pointwise.onnx"), new float[][] {{0.8f, -1.1f, 0.45f}},
                new float[] {0.15f}, true);
        OnnxSignature signature = OnnxSignature.read(file);
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString())) {
            assertSame(session.getInputInfo(), signature.inputs());
            assertSame(session.getOutputInfo(), signature.outputs());
        }
        assertEquals(1, signature.inputs().size());
        assertEquals(4, signature.inputs().get(0).getValue().dimension());
        assertEquals(3, signature.inputs().get(0).getValue().get(1)); // the declared channels; N, H, W symbolic
        assertEquals(-1, signature.inputs().get(0).getValue().get(0));
    }

    @Test
    void aFileThatIsNotOnnxFailsNamingIt() throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.onnx"), new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> OnnxSignature.read(garbage));
        assertTrue(e.getMessage().contains("garbage.onnx"), e.getMessage());
    }

    private static void assertSame(Map<String, NodeInfo> expected, PairList<String, Shape> actual) {
        List<String> names = new ArrayList<>(expected.keySet());
        assertEquals(names, actual.keys());
        for (int i = 0; i < names.size(); i++) {
            long[] shape = ((TensorInfo) expected.get(names.get(i)).getInfo()).getShape();
            assertArrayEquals(shape, actual.get(i).getValue().getShape(), names.get(i));
        }
    }
}
