package org.emsym.engine.interop.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A description EMSym cannot run is refused on opening, naming the field at fault. */
class ModelPackageErrorsTest {

    /** A minimal 0.5 description of a 1-channel 2-D model (no weight files needed to open it). */
    private static final String VALID = """
            format_version: 0.5.4
            type: model
            name: tiny model
            inputs:
              - id: raw
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [raw]
                  - {type: space, id: y, size: {min: 64, step: 16}}
                  - {type: space, id: x, size: {min: 64, step: 16}}
                preprocessing:
                  - id: ensure_dtype
                    kwargs: {dtype: float32}
                  - id: zero_mean_unit_variance
                    kwargs: {axes: [y, x]}
            outputs:
              - id: prob
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [fg]
                  - {type: space, id: y, halo: 8, size: {tensor_id: raw, axis_id: y}}
                  - {type: space, id: x, halo: 8, size: {tensor_id: raw, axis_id: x}}
                postprocessing:
                  - id: sigmoid
            weights:
              onnx: {source: weights.onnx, opset_version: 13}
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("rdf.yaml"), yaml);
    }

    @Test
    void theValidDescriptionOpensWithItsConstraints() throws IOException {
        try (ModelPackage pkg = ModelPackage.open(write(VALID))) {
            assertTrue(pkg.context() == 0 && pkg.preprocessing().steps().size() == 2);
        }
        // and from its folder
        try (ModelPackage pkg = ModelPackage.open(dir)) {
            assertTrue(pkg.name().equals("tiny model"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unsupported preprocessing | id: zero_mean_unit_variance | id: scale_mean_variance | inputs[0].preprocessing[1]",
        "per-row statistics | axes: [y, x] | axes: [x] | inputs[0].preprocessing[1].kwargs.axes",
        "a z axis | - {type: space, id: y, size: {min: 64, step: 16}} | - {type: space, id: z, size: 8}"
                + " | inputs[0].axes",
        "a softmax over x | id: sigmoid | {id: softmax, kwargs: {axis: x}} | outputs[0].postprocessing[0].kwargs.axis",
        "an output of its own size | halo: 8, size: {tensor_id: raw, axis_id: y} | size: 100 | outputs[0].axes[2].size",
        "format 0.4 | format_version: 0.5.4 | format_version: 0.4.10 | format_version",
        "two input channels | channel_names: [raw] | channel_names: [a, b] | 2k+1",
    })
    void anUnsupportedDescriptionNamesTheField(String what, String from, String to, String field) throws IOException {
        String yaml = VALID.replace(from, to);
        assertTrue(!yaml.equals(VALID), what + ": the replacement applies");
        Path file = write(yaml);
        IOException e = assertThrows(IOException.class, () -> ModelPackage.open(file), what);
        assertTrue(e.getMessage().contains(field), what + ": " + e.getMessage());
    }

    @Test
    void missingWeightsAreNamedOnLoad() throws IOException {
        try (ModelPackage pkg = ModelPackage.open(write(VALID))) {
            IOException e = assertThrows(IOException.class, () -> pkg.load(WeightFormat.ONNX));
            assertTrue(e.getMessage().contains("weights.onnx.source") || e.getMessage().contains("weights.onnx"),
                    e.getMessage());
            IOException t = assertThrows(IOException.class, () -> pkg.load(WeightFormat.TORCHSCRIPT));
            assertTrue(t.getMessage().contains("weights.torchscript is absent"), t.getMessage());
        }
    }

    /**
     * Only attachments that list both bundle files mean a carried EMSym bundle ({@code ./} spelled or not); files
     * sit beside the description; other attachments or none mean no bundle.
     */
    @Test
    void aCarriedBundleNeedsBothFilesInTheAttachments() throws IOException {
        Files.createDirectories(dir.resolve("emsym"));
        Files.writeString(dir.resolve("emsym/model.json"), "{}");
        Files.writeString(dir.resolve("emsym/model.params"), "p");
        try (ModelPackage pkg = ModelPackage.open(write(VALID))) {
            assertTrue(pkg.emsymBundle().isEmpty(), "no attachments");
        }
        try (ModelPackage pkg = ModelPackage.open(write(VALID + "attachments:\n  - {source: emsym/model.json}\n"
                + "  - {source: notes.txt}\n"))) {
            assertTrue(pkg.emsymBundle().isEmpty(), "model.params not listed");
        }
        try (ModelPackage pkg = ModelPackage.open(write(VALID + "attachments:\n  - {source: ./emsym/model.json}\n"
                + "  - {source: emsym/model.params}\n"))) {
            assertEquals(java.util.Optional.of(dir.resolve("emsym")), pkg.emsymBundle());
        }
    }
}
