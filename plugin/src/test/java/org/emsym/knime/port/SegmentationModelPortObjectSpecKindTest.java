package org.emsym.knime.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.model.UNet;
import org.emsym.knime.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;

/** The spec's model kind: stored with the spec, absent from specs saved before packages, which load as bundles. */
class SegmentationModelPortObjectSpecKindTest {

    private static String xml(SegmentationModelPortObjectSpec spec) throws Exception {
        ModelContent content = new ModelContent("spec");
        spec.save(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        content.saveToXML(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static SegmentationModelPortObjectSpec load(String xml) throws Exception {
        ModelContentRO content = ModelContent.loadFromXML(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        SegmentationModelPortObjectSpec spec = new SegmentationModelPortObjectSpec();
        spec.load(content);
        return spec;
    }

    @Test
    void aSpecSavedBeforePackagesLoadsAsAnEmsymBundle() throws Exception {
        SegmentationModelPortObjectSpec bundle;
        try (ModelScope scope = ModelScope.cpu()) {
            UNet net = TestModels.resnet18(scope.manager(), 1);
            bundle = SegmentationModelPortObjectSpec.of(ModelMetadata.describe(net));
        }
        String saved = xml(bundle);
        String older = saved.replaceAll("\\s*<entry key=\"(kind|halo)\"[^>]*/>", "");
        assertTrue(saved.contains("key=\"kind\"") && !older.contains("key=\"kind\"") && !older.contains("key=\"halo\""),
                older);
        SegmentationModelPortObjectSpec loaded = load(older);
        assertFalse(loaded.isPackage());
        assertEquals(SegmentationModelPortObjectSpec.KIND_EMSYM, loaded.getKind());
        assertEquals(bundle, loaded);
    }

    @Test
    void aPackageSpecRoundTripsAndAnUnknownKindIsRefused() throws Exception {
        SegmentationModelPortObjectSpec pkg = SegmentationModelPortObjectSpec.ofPackage("zoo model", 3, 2,
                "Preprocessing[scale_range]", 16, "onnx, torchscript");
        SegmentationModelPortObjectSpec loaded = load(xml(pkg));
        assertTrue(loaded.isPackage());
        assertEquals(1, loaded.getContext());
        assertEquals(2, loaded.getClasses());
        assertEquals(16, loaded.getHalo());
        assertEquals(pkg, loaded);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> load(xml(pkg).replace("value=\"bioimageio\"", "value=\"tensorflow\"")));
        assertTrue(e.getMessage().contains("unknown kind 'tensorflow'"), e.getMessage());
    }
}
