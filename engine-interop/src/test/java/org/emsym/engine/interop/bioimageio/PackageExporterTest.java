package org.emsym.engine.interop.bioimageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.synth.SynthConfig;
import org.emsym.engine.synth.SyntheticEmGenerator;
import org.emsym.engine.synth.SyntheticStack;
import org.emsym.engine.train.EpochRecord;
import org.emsym.engine.train.SegmentationTrainer;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.engine.train.SegmentationTrainingResult;
import org.emsym.engine.train.TrainingData;
import org.emsym.engine.util.FileChecksums;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.WindowSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bioimage.io export of a tiny model trained here (resnet18 U-Net, k = 1, percentile normalization, a few steps on
 * a synthetic stack): the description validates against the spec's JSON Schema (../shared; skipped when absent),
 * and the package, re-imported from its zip, reproduces its own test output and the bundle's probabilities on a
 * volume through the tiled predictor within 1e-4. The package carries the EMSym bundle in {@code emsym/}, listed
 * under {@code attachments}: read back from the folder, the zip and the description alike, checksums verified, it
 * predicts what the original bundle predicts within 1e-6, and a changed file fails naming it.
 */
class PackageExporterTest {

    private static final double TOLERANCE = 1e-4;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path shared;

    private static NDManager manager;
    private static ModelBundle bundle;
    private static Path zip;
    private static Path folder;

    @BeforeAll
    static void trainExportAndReload() throws IOException {
        Engine.getEngine("PyTorch").setRandomSeed(11);
        SyntheticStack stack = SyntheticEmGenerator.generate(SynthConfig.builder().shape(new VolumeShape(6, 96, 96))
                .seed(5).build());
        Volume trainingImage = stack.image();
        NormalizationSpec normalization = NormalizationSpec.percentile();
        TrainingData data = TrainingData.builder(trainingImage, stack.membranes(), WindowSpec.of(1)).normalization(normalization)
                .build();
        SegmentationTrainingConfig config = SegmentationTrainingConfig.builder().epochs(1).stepsPerEpoch(2).batchSize(2).patchSize(32)
                .validationRange(5, 6).device("cpu").seed(3).build();
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        UNet net = UNet.builder().setEncoder(ResNetEncoder.resnet18(3)).optDecoderChannels(16, 16, 8, 8, 8).build();
        SegmentationTrainingResult result = SegmentationTrainer.builder(config).build().fit(manager, net, data);
        ModelMetadata meta = EpochRecord.appendTo(ModelMetadata.describe(net).withNormalization(normalization),
                result.history());
        Path bundleDir = shared.resolve("bundle");
        ModelBundle.save(bundleDir, net, meta);
        bundle = ModelBundle.load(bundleDir, manager);
        PackageExporter exporter = PackageExporter.builder()
                .optAuthors(List.of(new PackageExporter.Author("Test Author", "EM lab", null)))
                .optCite(List.of(new PackageExporter.Citation("A synthetic EM stack", null, "https://example.org/data")))
                .optTrainingData("a synthetic 6 x 96 x 96 EM stack (EMSym synth, seed 5), membranes").build();
        zip = exporter.write(bundle, shared.resolve("model.zip"));
        folder = exporter.write(bundle, shared.resolve("package"));
    }

    @AfterAll
    static void close() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void theFolderHoldsEveryFileTheDescriptionNamesWithItsChecksum() throws IOException {
        JsonNode rdf = YAML.readTree(folder.resolve(PackageExporter.DESCRIPTION).toFile());
        List<JsonNode> files = List.of(rdf.path("weights").path("onnx"), rdf.path("inputs").get(0).path("test_tensor"),
                rdf.path("outputs").get(0).path("test_tensor"));
        for (JsonNode f : files) {
            Path p = folder.resolve(f.path("source").asText());
            assertEquals(f.path("sha256").asText(), FileChecksums.sha256(List.of(p)), p.toString());
        }
        assertTrue(Files.size(folder.resolve(PackageExporter.COVER)) > 1000);
        String doc = Files.readString(folder.resolve(PackageExporter.DOCUMENTATION));
        assertTrue(doc.contains("synthetic 6 x 96 x 96") && doc.contains("Halo") && doc.contains("PERCENTILE"), doc);
        List<String> channels = new java.util.ArrayList<>();
        rdf.path("inputs").get(0).path("axes").get(1).path("channel_names").forEach(c -> channels.add(c.asText()));
        assertEquals(List.of("z-1", "z", "z+1"), channels);
        List<String> ops = rdf.path("inputs").get(0).path("preprocessing").findValuesAsText("id");
        assertEquals(List.of("ensure_dtype", "scale_range", "clip"), ops);
        try (Stream<Path> left = Files.list(shared)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".")), "no temporaries left");
        }
    }

    @Test
    void theDescriptionValidatesAgainstTheSpecSchema() throws IOException {
        Schema schema;
        try (InputStream in = Files.newInputStream(SharedPackages.schema())) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        JsonNode rdf = YAML.readTree(folder.resolve(PackageExporter.DESCRIPTION).toFile());
        List<Error> errors = schema.validate(rdf);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList());
        // the check is not vacuous: the same description without its inputs, or with an unknown field, fails
        ObjectNode broken = rdf.deepCopy();
        broken.remove("inputs");
        assertFalse(schema.validate(broken).isEmpty(), "a description without inputs must not validate");
        ObjectNode extra = rdf.deepCopy();
        extra.put("weights_url", "x");
        assertFalse(schema.validate(extra).isEmpty(), "an unknown field must not validate");
    }

    @Test
    void theReimportedZipReproducesItsTestTensorsAndTheBundlesProbabilities() throws IOException {
        try (ModelPackage pkg = ModelPackage.open(zip); PackageModel model = pkg.load(WeightFormat.ONNX)) {
            assertEquals(1, model.context());
            NamedTensor in = pkg.testInput();
            NamedTensor expected = pkg.testOutput();
            int size = (int) in.shape()[2];
            assertTrue(model.tileConstraint().accepts(size, size));
            assertTrue(size > 2 * model.halo(), "test size " + size + " leaves room for halo " + model.halo());
            // the package's own test: preprocessing fitted on the sample, then the ONNX network
            float[][] sections = new float[3][];
            for (int c = 0; c < 3; c++) {
                sections[c] = java.util.Arrays.copyOfRange(in.values(), c * size * size, (c + 1) * size * size);
            }
            Volume sample = new org.emsym.engine.volume.ArrayVolume(new VolumeShape(3, size, size),
                    org.emsym.engine.volume.PixelType.UINT8, sections);
            var transform = model.preprocessing().fit(sample);
            float[] x = new float[in.values().length];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(transform.apply(sample.readSection(c)), 0, x, c * size * size, size * size);
            }
            double test = maxDiff(model.predict(x, 1, size, size), expected.values());
            assertArrayEquals(new long[] {1, 1, size, size}, expected.shape());

            // the bundle and the package through the tiled predictor on a volume of 2 x 2 tiles, same tiles
            Volume image = SyntheticEmGenerator.generate(SynthConfig.builder().shape(new VolumeShape(6, 288, 288))
                    .seed(6).build()).image();
            TiledVolumePredictor fromPackage = model.predictor(image, BoundaryMode.REFLECT).build();
            int overlap = Math.max(2 * model.halo(), 32);
            BlockTileModel djl = BlockTileModel.builder(bundle.network()).manager(manager).classes(1).build();
            TiledVolumePredictor fromBundle = TiledVolumePredictor.builder(djl, new WindowSpec(1, BoundaryMode.REFLECT))
                    .tileSize(256, 256).overlap(overlap)
                    .normalizer(Normalizer.fit(image, bundle.metadata().inputNormalization())).build();
            double volume = 0;
            for (int z : new int[] {0, 3, 5}) {
                volume = Math.max(volume, maxDiff(fromPackage.probabilities(image).readSection(z),
                        fromBundle.probabilities(image).readSection(z)));
            }
            System.out.printf(Locale.ROOT, "bioimage.io round trip (resnet18 k=1, halo %d): test tensor %.3g,"
                    + " volume vs bundle %.3g%n", model.halo(), test, volume);
            assertTrue(test <= TOLERANCE, "test_output.npy: max abs diff " + test);
            assertTrue(volume <= TOLERANCE, "package vs bundle on the volume: max abs diff " + volume);
        }
    }

    @Test
    void theAttachmentsListTheCarriedBundleWithItsChecksums() throws IOException {
        JsonNode rdf = YAML.readTree(folder.resolve(PackageExporter.DESCRIPTION).toFile());
        assertEquals(List.of("emsym/model.json", "emsym/model.params"), rdf.path("attachments").findValuesAsText("source"));
        for (JsonNode a : rdf.path("attachments")) {
            Path p = folder.resolve(a.path("source").asText());
            assertEquals(a.path("sha256").asText(), FileChecksums.sha256(List.of(p)), p.toString());
        }
        ModelMetadata carried = ModelBundle.readMetadata(folder.resolve(PackageExporter.BUNDLE_FOLDER));
        assertEquals(bundle.metadata().parametersSha256(), carried.parametersSha256(), "the bundle's own parameters");
        assertEquals(bundle.metadata().history(), carried.history());
        assertEquals(bundle.metadata().inputNormalization(), carried.inputNormalization());
    }

    @Test
    void theCarriedBundleReadsBackFromFolderZipAndDescriptionAndPredictsAsTheOriginal() throws IOException {
        float[] x = new float[3 * 64 * 64];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        float[] expected = BlockTileModel.builder(bundle.network()).manager(manager).classes(1).build()
                .predict(x, 1, 64, 64);
        double spread = 0;
        for (float v : expected) {
            spread = Math.max(spread, Math.abs(v - expected[0]));
        }
        assertTrue(spread > 1e-3, "the comparison is not vacuous: the probabilities vary, by " + spread);
        for (Path source : List.of(folder, zip, folder.resolve(PackageExporter.DESCRIPTION))) {
            try (ModelPackage pkg = ModelPackage.open(source); NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                Path carried = pkg.emsymBundle().orElseThrow(() -> new AssertionError("no EMSym bundle in " + source));
                assertEquals(pkg.root().resolve(PackageExporter.BUNDLE_FOLDER).normalize(), carried);
                ModelBundle loaded = ModelBundle.load(carried, m);
                float[] actual = BlockTileModel.builder(loaded.network()).manager(m).classes(1).build().predict(x, 1, 64, 64);
                double diff = maxDiff(actual, expected);
                assertTrue(diff <= 1e-6, source + ": max abs diff to the original bundle " + diff);
            }
        }
    }

    @Test
    void aChangedBundleFileFailsNamingItAndAPackageWithoutAttachmentsHasNoBundle() throws IOException {
        Path copy = shared.resolve("tampered");
        copyTree(folder, copy);
        Path params = copy.resolve("emsym/model.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 1;
        Files.write(params, bytes);
        try (ModelPackage pkg = ModelPackage.open(copy)) {
            IOException e = assertThrows(IOException.class, pkg::emsymBundle);
            assertTrue(e.getMessage().contains(params.toString()) && e.getMessage().contains("attachments[1].sha256"),
                    e.getMessage());
        }
        Path tamperedZip = shared.resolve("tampered.zip");
        try (var out = Files.newOutputStream(tamperedZip)) {
            PackageExporter.zip(copy, out);
        }
        try (ModelPackage pkg = ModelPackage.open(tamperedZip)) {
            IOException e = assertThrows(IOException.class, pkg::emsymBundle);
            assertTrue(e.getMessage().contains("emsym/model.params") && e.getMessage().contains("corrupted"),
                    e.getMessage());
        }
        Files.delete(params);
        try (ModelPackage pkg = ModelPackage.open(copy)) {
            IOException e = assertThrows(IOException.class, pkg::emsymBundle, "a listed file that is missing");
            assertTrue(e.getMessage().contains(params.toString()), e.getMessage());
        }
        Path rdfFile = copy.resolve(PackageExporter.DESCRIPTION);
        ObjectNode rdf = (ObjectNode) YAML.readTree(rdfFile.toFile());
        rdf.remove("attachments");
        YAML.writeValue(rdfFile.toFile(), rdf);
        try (ModelPackage pkg = ModelPackage.open(copy)) {
            assertTrue(pkg.emsymBundle().isEmpty(), "no attachments, no bundle");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path f : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Test
    void aFolderTargetThatHoldsFilesIsRefusedAndLeftAlone() throws IOException {
        Path busy = Files.createDirectories(shared.resolve("busy"));
        Files.writeString(busy.resolve("keep.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> PackageExporter.builder().build().write(bundle, busy));
        assertTrue(e.getMessage().contains(busy.toString()), e.getMessage());
        assertEquals("mine", Files.readString(busy.resolve("keep.txt")));
    }

    private static double maxDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
