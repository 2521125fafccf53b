package org.emsym.knime.node.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.emsym.engine.interop.ImportedModel;
import org.emsym.engine.interop.bioimageio.ModelPackage;
import org.emsym.engine.interop.bioimageio.PackageExporter;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.UNet;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.knime.node.attribution.AttributionScorerNodeFactory;
import org.emsym.knime.node.learner.SegmentationLearnerNodeFactory;
import org.emsym.knime.node.modelreader.SegmentationModelReaderNodeFactory;
import org.emsym.knime.node.modelwriter.SegmentationModelWriterNodeFactory;
import org.emsym.knime.node.predictor.SegmentationPredictorNodeFactory;
import org.emsym.knime.node.symmetrizer.WeightSymmetrizerNodeFactory;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.testing.BinaryModels;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.OlderSettings;
import org.emsym.knime.testing.SharedData;
import org.emsym.knime.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * bioimage.io packages in the KNIME nodes (issue 15): the Segmentation Model Writer's package format, the Reader on
 * a package folder, zip or description, the Predictor on a package-kind model, the package-kind port's persistence,
 * an exported package read as the EMSym model it carries, and the refusals (ONNX-only packages without an EMSym
 * bundle, since the KNIME bundle has no ONNX Runtime; changed bundle files; broken descriptions; EMSym-only nodes).
 * Tests that need the published package in ../shared/bioimageio skip when it is absent.
 */
class BioimageioPackageNodeTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PUBLISHED = "bioimageio/unet2d_nuclei_broad";
    private static final double TOLERANCE = 1e-4;
    /** The predictor's share of the progress bar ends below this; thresholding follows. */
    private static final double PREDICTION_DONE = 0.8;

    // setting keys and labels as the node descriptions and workflows use them
    private static final String OUTPUT_FOLDER = "output_folder";
    private static final String IF_EXISTS = "if_exists";
    private static final String FORMAT = "format";
    private static final String MODEL_FOLDER = "model_folder";
    private static final String MODEL_LABEL = "Model folder";
    private static final String EMSYM_ONLY = "is a bioimage.io package; this node needs an EMSym model";

    @TempDir
    Path dir;

    /** A fresh ResNet-18 U-Net (k = 1) that records percentile normalization, as the Learner records it. */
    private static SegmentationModelPortObject emsymModel() throws IOException {
        try (ModelScope scope = ModelScope.cpu()) {
            UNet net = TestModels.resnet18(scope.manager(), 1);
            return SegmentationModelPortObject.create(net, ModelMetadata.describe(net)
                    .withNormalization(NormalizationSpec.percentile()));
        }
    }

    private static Path published() {
        var p = SharedData.resolve(PUBLISHED);
        assumeTrue(p.isPresent(), "../shared/" + PUBLISHED + " is absent");
        return p.get();
    }

    private static NodeTestHarness<NodeModel> packageWriter(Path target) throws InvalidSettingsException {
        return NodeTestHarness.of(new SegmentationModelWriterNodeFactory()).set(OUTPUT_FOLDER, target.toString())
                .set(FORMAT, "BIOIMAGEIO");
    }

    private static NodeTestHarness<NodeModel> reader(Path model) throws InvalidSettingsException {
        return NodeTestHarness.of(new SegmentationModelReaderNodeFactory()).set(MODEL_FOLDER, model.toString());
    }

    @Test
    void writerWritesAPackageWhoseDescriptionValidatesAgainstTheSpecSchema() throws Exception {
        Path schemaFile = SharedData.resolve("bioimageio/bioimageio_schema.json").orElse(null);
        assumeTrue(schemaFile != null, "../shared/bioimageio/bioimageio_schema.json is absent");
        Path target = dir.resolve("pkg");
        packageWriter(target).set("package_name", "EM mitochondria test model")
                .set("package_authors", "Ada Lovelace;Analytical Lab;0000-0002-1825-0097 | Alan Turing")
                .set("package_cite_text", "Our paper.").set("package_cite_doi", "10.1234/example")
                .set("package_training_data", "ISBI 2012 sections 1-20").execute(emsymModel());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(target), left.toList(), "only the package, no temporary beside it");
        }
        JsonNode rdf = YAML.readTree(target.resolve(PackageExporter.DESCRIPTION).toFile());
        assertEquals("EM mitochondria test model", rdf.path("name").asText());
        assertEquals("CC-BY-4.0", rdf.path("license").asText(), "the licence setting's default");
        assertEquals(List.of("Ada Lovelace", "Alan Turing"), rdf.path("authors").findValuesAsText("name"));
        assertEquals("0000-0002-1825-0097", rdf.path("authors").get(0).path("orcid").asText());
        assertTrue(rdf.path("cite").findValuesAsText("doi").contains("10.1234/example"), rdf.path("cite").toString());
        assertTrue(Files.readString(target.resolve(PackageExporter.DOCUMENTATION)).contains("ISBI 2012 sections 1-20"));
        assertTrue(Files.isRegularFile(target.resolve(PackageExporter.WEIGHTS)));

        Schema schema;
        try (InputStream in = Files.newInputStream(schemaFile)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        assertEquals(List.of(), schema.validate(rdf).stream().map(Error::toString).toList());
        ObjectNode broken = rdf.deepCopy();
        broken.remove("inputs");
        assertFalse(schema.validate(broken).isEmpty(), "the check is not vacuous: without inputs it fails");
    }

    @Test
    void writerReplacesAnEarlierPackageOnlyWithOverwriteAndWritesZips() throws Exception {
        Path target = dir.resolve("pkg");
        packageWriter(target).execute(emsymModel());
        NodeTestHarness<NodeModel> again = packageWriter(target);
        InvalidSettingsException exists = assertThrows(InvalidSettingsException.class,
                () -> again.configure(emsymModel().getSpec()));
        assertTrue(exists.getMessage().startsWith("Output folder") && exists.getMessage().contains("OVERWRITE"),
                exists.getMessage());
        byte[] first = Files.readAllBytes(target.resolve(PackageExporter.WEIGHTS));
        again.set(IF_EXISTS, "OVERWRITE").execute(emsymModel());
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(target.resolve(PackageExporter.WEIGHTS))),
                "a freshly initialised model replaced the earlier package");

        Path user = Files.createDirectory(dir.resolve("user"));
        Files.writeString(user.resolve("notes.txt"), "mine");
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class, () -> packageWriter(user)
                .set(IF_EXISTS, "OVERWRITE").configure(emsymModel().getSpec()));
        assertTrue(refused.getMessage().contains("neither empty nor a bioimage.io package"), refused.getMessage());

        Path zip = dir.resolve("pkg.zip");
        packageWriter(zip).execute(emsymModel());
        try (ModelPackage pkg = ModelPackage.open(zip)) {
            assertEquals(List.of("z-1", "z", "z+1"), pkg.inputChannelNames());
        }
    }

    /** Acceptance: the published package's test_input.npy through Reader and Predictor gives its test_output.npy. */
    @Test
    void readerAndPredictorReproduceThePublishedPackagesTestOutput() throws Exception {
        Path folder = published();
        NodeTestHarness<NodeModel> reader = reader(folder);
        SegmentationModelPortObjectSpec spec = (SegmentationModelPortObjectSpec) reader.configure()[0];
        assertTrue(spec.isPackage());
        assertEquals(1, spec.getInChannels());
        assertEquals(0, spec.getContext());
        assertEquals(1, spec.getClasses());
        assertEquals(32, spec.getHalo());
        assertEquals("onnx, torchscript", spec.getSourceFormat());
        SegmentationModelPortObject model = (SegmentationModelPortObject) reader.execute()[0];
        assertEquals(spec, model.getSpec(), "configure and execute agree");

        NamedTensor in;
        NamedTensor expected;
        try (ModelPackage pkg = ModelPackage.open(folder)) {
            in = pkg.testInput();
            expected = pkg.testOutput();
        }
        VolumeShape shape = new VolumeShape(1, 512, 512);
        ArrayVolume volume = new ArrayVolume(shape, PixelType.FLOAT32, VoxelSize.UNKNOWN, new float[][] {in.values()},
                "test_input.npy");
        VolumePortObject image = new VolumePortObject(new VolumePortObjectSpec(shape, PixelType.FLOAT32,
                VoxelSize.UNKNOWN, NormalizationSpec.none(), List.of("test_input.npy")), volume);
        NodeTestHarness<NodeModel> predictor = NodeTestHarness.of(new SegmentationPredictorNodeFactory());
        predictor.configure(model.getSpec(), image.getSpec());
        assertTrue(predictor.warningMessage().contains("bioimage.io package"), predictor.warningMessage());
        PortObject[] out = predictor.execute(model, image);
        float[] actual = ((VolumePortObject) out[0]).getVolume().readSection(0);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected.values()[i]));
        }
        System.out.printf(Locale.ROOT, "unet2d_nuclei_broad via Reader + Predictor (TorchScript): max abs diff %.3g%n", max);
        assertTrue(max <= TOLERANCE, "max abs diff to test_output.npy " + max);
        assertTrue(predictor.lastProgress().getProgress() > PREDICTION_DONE, "progress " + predictor.lastProgress().getProgress());
        assertThrows(CanceledExecutionException.class, () -> predictor.executeCancelingAfter(0, model, image),
                "cancelling stops the package's prediction");
    }

    @Test
    void readerTakesTheDescriptionFileAndAZipAlike() throws Exception {
        Path folder = published();
        PortObjectSpec fromFolder = reader(folder).configure()[0];
        assertEquals(fromFolder, reader(folder.resolve("bioimageio.yaml")).configure()[0]);
        Path zip = dir.resolve("unet2d.zip");
        try (Stream<Path> files = Files.list(folder); OutputStream o = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(o)) {
            for (Path f : files.sorted().toList()) {
                z.putNextEntry(new ZipEntry(f.getFileName().toString()));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        NodeTestHarness<NodeModel> fromZip = reader(zip);
        assertEquals(fromFolder, fromZip.configure()[0]);
        SegmentationModelPortObject model = (SegmentationModelPortObject) fromZip.execute()[0];
        assertEquals(fromFolder, model.getSpec());
        try (ModelPackage pkg = model.openPackage()) {
            assertEquals(2, pkg.weightFormats().size(), "both weight formats: " + pkg.weightFormats());
            assertTrue(Files.isRegularFile(pkg.root().resolve("weights.onnx")), "the package's files were copied");
        }
    }

    /** A package read by the Reader is written as it was read, here zipped, and reads back to the same spec. */
    @Test
    void writerWritesAPackageKindModelAsItWasRead() throws Exception {
        SegmentationModelPortObject model = (SegmentationModelPortObject) reader(published()).execute()[0];
        Path zip = dir.resolve("copy.zip");
        NodeTestHarness<NodeModel> writer = packageWriter(zip);
        writer.configure(model.getSpec());
        assertTrue(writer.warningMessage().contains("written as it was read"), writer.warningMessage());
        writer.execute(model);
        assertEquals(model.getSpec(), reader(zip).configure()[0]);
        Path folder = dir.resolve("copy");
        packageWriter(folder).execute(model);
        assertEquals(model.getSpec(), reader(folder).configure()[0]);
        assertTrue(Files.isRegularFile(folder.resolve("weights.pt")) && Files.isRegularFile(folder.resolve("rdf.yaml")));
    }

    @Test
    void aPackageKindPortSavesAndLoadsBack() throws Exception {
        SegmentationModelPortObject model = (SegmentationModelPortObject) reader(published()).execute()[0];
        PortObject loaded = NodeTestHarness.saveAndLoad(model, dir.resolve("saved"));
        SegmentationModelPortObject back = assertInstanceOf(SegmentationModelPortObject.class, loaded);
        assertTrue(back.isPackage());
        assertEquals(model.getSpec(), back.getSpec());
        try (ModelPackage a = model.openPackage(); ModelPackage b = back.openPackage()) {
            assertArrayEquals(a.testInput().values(), b.testInput().values(), 0f);
            assertEquals(a.weights(SegmentationModelPortObject.runnableFormat(a)).toFile().length(),
                    b.weights(SegmentationModelPortObject.runnableFormat(b)).toFile().length());
        }
        assertThrows(IOException.class, () -> back.writeBundle(dir.resolve("bundle")), "a package is not a bundle");
    }

    /**
     * Round trip bundle -> Writer (bioimage.io) -> Reader: the package has only ONNX weights, which the KNIME bundle
     * cannot run (no ONNX Runtime), but it carries the EMSym bundle, so the Reader gives an EMSym model (from the
     * package's folder, zip and description alike): its spec in configure is the one after execute and the original
     * model's, the nodes that need an EMSym U-Net take it, and the Predictor runs it as it runs the original.
     */
    @Test
    void anExportedPackageReadsAsTheEmsymModelItCarriesAndThePredictorRunsIt() throws Exception {
        assertFalse(ImportedModel.available(ImportedModel.ONNX_RUNTIME), "the plugin carries no ONNX Runtime");
        SegmentationModelPortObject original = BinaryModels.port(1); // one output class, so the Learner takes it
        Path folder = dir.resolve("pkg");
        packageWriter(folder).execute(original);
        Path zip = dir.resolve("pkg.zip");
        packageWriter(zip).execute(original);
        VolumePortObject image = BinaryModels.synthetic("image.tif", 5, 64);
        VolumePortObject labels = BinaryModels.synthetic("membranes.tif", 5, 64);
        float[] expected = probabilities(original, image);
        for (Path target : List.of(folder, zip, folder.resolve(PackageExporter.DESCRIPTION))) {
            NodeTestHarness<NodeModel> reader = reader(target);
            SegmentationModelPortObjectSpec spec = (SegmentationModelPortObjectSpec) reader.configure()[0];
            assertFalse(spec.isPackage(), target + " reads as an EMSym model, not a package");
            assertEquals(SegmentationModelPortObjectSpec.KIND_EMSYM, spec.getKind());
            assertEquals(original.getSpec(), spec, "the exported model's own spec");
            SegmentationModelPortObject model = (SegmentationModelPortObject) reader.execute()[0];
            assertFalse(model.isPackage());
            assertEquals(spec, model.getSpec(), "configure and execute agree");
            assertEquals(original.getMetadata().parametersSha256(), model.getMetadata().parametersSha256());

            assertInstanceOf(SegmentationModelPortObjectSpec.class,
                    NodeTestHarness.of(new WeightSymmetrizerNodeFactory()).configure(spec)[0]);
            NodeTestHarness.of(new AttributionScorerNodeFactory()).set("tile_size", 64).configure(spec, image.getSpec());
            NodeTestHarness.of(new SegmentationLearnerNodeFactory()).set("patch_size", 32)
                    .configure(spec, image.getSpec(), labels.getSpec());

            float[] actual = probabilities(model, image);
            double max = 0;
            for (int i = 0; i < actual.length; i++) {
                max = Math.max(max, Math.abs(actual[i] - expected[i]));
            }
            assertTrue(max <= 1e-6, target + ": max abs diff to the original model's probabilities " + max);
        }
        float lowest = Float.MAX_VALUE;
        float highest = -Float.MAX_VALUE;
        for (float v : expected) {
            lowest = Math.min(lowest, v);
            highest = Math.max(highest, v);
        }
        assertTrue(highest - lowest > 1e-3, "the comparison is not vacuous: probabilities " + lowest + " .. " + highest);
    }

    /** The Predictor's probabilities of the image's section 2 (64 x 64 tiles, on the CPU). */
    private static float[] probabilities(SegmentationModelPortObject model, VolumePortObject image) throws Exception {
        NodeTestHarness<NodeModel> predictor = NodeTestHarness.of(new SegmentationPredictorNodeFactory())
                .set("tile_size", 64).set("overlap", 16).set("device", "cpu");
        predictor.configure(model.getSpec(), image.getSpec());
        return ((VolumePortObject) predictor.execute(model, image)[0]).getVolume().readSection(2);
    }

    /**
     * A package without the EMSym bundle (here an exported one with its {@code emsym/} folder and attachments taken
     * out) is read as before: a package with only ONNX weights, refused in configure naming weights.onnx and the
     * missing runtime.
     */
    @Test
    void aPackageWithOnlyOnnxWeightsAndNoEmsymBundleIsRefusedClearly() throws Exception {
        Path target = dir.resolve("pkg");
        packageWriter(target).execute(emsymModel());
        Path rdf = target.resolve(PackageExporter.DESCRIPTION);
        ObjectNode description = (ObjectNode) YAML.readTree(rdf.toFile());
        description.remove("attachments");
        YAML.writeValue(rdf.toFile(), description);
        for (String name : List.of("model.json", "model.params")) {
            Files.delete(target.resolve(PackageExporter.BUNDLE_FOLDER).resolve(name));
        }
        NodeTestHarness<NodeModel> reader = reader(target);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, reader::configure);
        assertTrue(e.getMessage().startsWith(MODEL_LABEL) && e.getMessage().contains("weights.onnx")
                && e.getMessage().contains("ONNX Runtime is not in the EMSym KNIME bundle"), e.getMessage());
        Exception atExecute = assertThrows(Exception.class, reader::execute);
        assertTrue(atExecute.getMessage().contains("weights.onnx"), atExecute.getMessage());
    }

    /** A carried bundle whose file differs from the description's SHA-256 fails in configure, naming the file. */
    @Test
    void aChangedBundleFileFailsNamingTheSettingAndTheFile() throws Exception {
        Path target = dir.resolve("pkg");
        packageWriter(target).execute(emsymModel());
        Path params = target.resolve(PackageExporter.BUNDLE_FOLDER).resolve("model.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 1;
        Files.write(params, bytes);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, reader(target)::configure);
        assertTrue(e.getMessage().startsWith(MODEL_LABEL) && e.getMessage().contains(params.toString())
                && e.getMessage().contains("corrupted"), e.getMessage());

        Path zip = dir.resolve("changed.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            PackageExporter.zip(target, out);
        }
        Exception atExecute = assertThrows(Exception.class, reader(zip)::execute);
        assertTrue(atExecute.getMessage().contains(zip + "!/emsym/model.params"), atExecute.getMessage());
    }

    @Test
    void aBrokenDescriptionFailsNamingTheSettingAndTheField() throws Exception {
        Path target = dir.resolve("pkg");
        packageWriter(target).execute(emsymModel());
        Path rdf = target.resolve(PackageExporter.DESCRIPTION);
        ObjectNode original = (ObjectNode) YAML.readTree(rdf.toFile());

        ObjectNode timeAxis = original.deepCopy();
        ((ObjectNode) timeAxis.path("inputs").get(0).path("axes").get(2)).put("type", "time");
        YAML.writeValue(rdf.toFile(), timeAxis);
        InvalidSettingsException axes = assertThrows(InvalidSettingsException.class, reader(target)::configure);
        assertTrue(axes.getMessage().startsWith(MODEL_LABEL) && axes.getMessage().contains("inputs[0].axes")
                && axes.getMessage().contains("time"), axes.getMessage());

        ObjectNode noInputs = original.deepCopy();
        noInputs.remove("inputs");
        YAML.writeValue(rdf.toFile(), noInputs);
        InvalidSettingsException inputs = assertThrows(InvalidSettingsException.class, reader(target)::configure);
        assertTrue(inputs.getMessage().startsWith(MODEL_LABEL) && inputs.getMessage().contains("inputs has 0 tensors"),
                inputs.getMessage());
    }

    /** Every node that changes or analyses an EMSym U-Net refuses a package-kind model in configure. */
    @Test
    void nodesThatNeedAnEmsymModelRefuseAPackage() throws Exception {
        SegmentationModelPortObjectSpec pkg = SegmentationModelPortObjectSpec.ofPackage("some zoo model", 3, 1,
                "none", 16, "torchscript");
        VolumeShape shape = new VolumeShape(5, 64, 64);
        VolumePortObjectSpec image = new VolumePortObjectSpec(shape, PixelType.UINT8, VoxelSize.UNKNOWN,
                NormalizationSpec.none(), List.of("test"));
        VolumePortObjectSpec labels = new VolumePortObjectSpec(shape, PixelType.UINT8, VoxelSize.UNKNOWN,
                NormalizationSpec.none(), List.of("labels"));
        assertRefuses(NodeTestHarness.of(new SegmentationLearnerNodeFactory()), pkg, image, labels);
        assertRefuses(NodeTestHarness.of(new WeightSymmetrizerNodeFactory()), pkg);
        assertRefuses(NodeTestHarness.of(new AttributionScorerNodeFactory()), pkg, image);
        NodeTestHarness<NodeModel> bundleWriter = NodeTestHarness.of(new SegmentationModelWriterNodeFactory())
                .set(OUTPUT_FOLDER, dir.resolve("out").toString());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> bundleWriter.configure(pkg));
        assertTrue(e.getMessage().startsWith("Format: the input 'some zoo model' is a bioimage.io package")
                && e.getMessage().contains("Choose BIOIMAGEIO"), e.getMessage());
    }

    private static void assertRefuses(NodeTestHarness<?> node, PortObjectSpec... specs) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> node.configure(specs));
        assertTrue(e.getMessage().contains("'some zoo model' " + EMSYM_ONLY), e.getMessage());
    }

    /** Workflows saved before the format option load as EMSym bundle writers. */
    @Test
    void writerSettingsSavedBeforeTheFormatOptionLoadAsBundleWriters() throws Exception {
        Path saved = Path.of("..", "workflows", "01-train-symmetric-model", "Segmentation Model Writer (#6)",
                "settings.xml");
        Path older = OlderSettings.without(saved, dir.resolve("older.xml"), "format", "package_");
        NodeTestHarness<NodeModel> writer = packageWriter(dir.resolve("x")).set("package_license", "MIT");
        writer.loadNodeSettingsXml(older);
        assertEquals("EMSYM_BUNDLE", writer.settings().getString(FORMAT));
        assertEquals("CC-BY-4.0", writer.settings().getString("package_license"));
    }
}
