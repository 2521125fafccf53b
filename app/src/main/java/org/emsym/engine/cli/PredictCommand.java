package org.emsym.engine.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.emsym.engine.interop.ImportedModel;
import org.emsym.engine.interop.bioimageio.ModelPackage;
import org.emsym.engine.interop.bioimageio.PackageModel;
import org.emsym.engine.interop.bioimageio.WeightFormat;
import org.emsym.engine.interop.onnx.OnnxExporter;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.OutputActivation;
import org.emsym.engine.predict.TileModel;
import org.emsym.engine.predict.ComponentMode;
import org.emsym.engine.predict.OutputTarget;
import org.emsym.engine.predict.PredictionSummary;
import org.emsym.engine.predict.PredictionWriter;
import org.emsym.engine.predict.TestTimeAugmentation;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.window.BlendMode;
import org.emsym.engine.window.BoundaryMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code emsym predict}: tiled whole-stack prediction with a saved model bundle or a bioimage.io package. A bundle
 * runs on DJL PyTorch ({@code --engine torch}) or, exported to ONNX on the fly, on ONNX Runtime
 * ({@code --engine onnx}); a package runs its ONNX or TorchScript weights with its declared pre- and
 * postprocessing, tile sizes and halo.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Predict membrane probabilities for a whole stack tile by tile with a model bundle or a"
            + " bioimage.io package.")
final class PredictCommand implements Callable<Integer> {

    /** The runtime when --engine is not given: ONNX Runtime, the faster on CPU in the benchmark (README). */
    static final WeightFormat DEFAULT_ENGINE = WeightFormat.ONNX;

    @ParentCommand
    private EmsymCli cli;

    @Option(names = {"-m", "--model"}, required = true,
            description = "model bundle folder (from train or pipeline), or a bioimage.io package (folder, .zip, rdf.yaml)")
    private Path model;

    @Option(names = "--engine", description = "onnx (ONNX Runtime) or torch (DJL PyTorch; a package's TorchScript"
            + " weights); default onnx, or for a package its ONNX weights when present")
    private String engine;

    @Option(names = {"-i", "--image"}, required = true, description = "image stack: .tif, section folder, .h5 or .zarr")
    private Path image;

    @Option(names = "--dataset", description = "dataset path inside an HDF5 image")
    private String dataset;

    @Option(names = "--level", description = "scale level of an OME-Zarr image (dataset path or index; default 0)")
    private String level;

    @Option(names = {"-o", "--out"}, description = "FLOAT32 probability stack (.tif, .h5 or .zarr; a .zarr is"
            + " predicted block by block and a rerun finishes only missing blocks)")
    private Path out;

    @Mixin
    private ZarrOutputOptions zarr = new ZarrOutputOptions();

    @Option(names = "--block", defaultValue = "1x4x4",
            description = "chunks per block of a .zarr --out, DEPTHxHEIGHTxWIDTH")
    private String block;

    @Option(names = "--resume", description = "finish an interrupted block-wise .zarr --out of the same prediction:"
            + " compute only the blocks whose chunks are missing (finished blocks are not recomputed)")
    private boolean resume;

    @Option(names = "--out-dataset", defaultValue = "/probabilities", description = "dataset inside an .h5 --out")
    private String outDataset;

    @Option(names = "--labels-out", description = "UINT8 mask (255 where p >= threshold): .tif, .h5, PNG folder, .zarr"
            + " or <image>.zarr/labels/<name> (an NGFF label image beside the raw data)")
    private Path labelsOut;

    @Option(names = "--components-out", description = "connected components of the mask (instance labels)")
    private Path componentsOut;

    @Option(names = "--threshold", defaultValue = "0.5", description = "probability threshold of the mask")
    private double threshold;

    @Option(names = "--boundary", defaultValue = "REFLECT", description = "window completion: ${COMPLETION-CANDIDATES}")
    private BoundaryMode boundary;

    @Option(names = "--tile", defaultValue = "256", description = "tile edge in pixels (multiple of 32; a package's"
            + " nearest accepted size; a tile larger than the image is shrunk to the image rounded up to 32, so all"
            + " such tiles predict the same)")
    private int tile;

    @Option(names = "--overlap", defaultValue = "-1",
            description = "tile overlap in pixels (-1: tile/8; for a package at least twice its halo)")
    private int overlap;

    @Option(names = "--blend", defaultValue = "GAUSSIAN", description = "tile blending: ${COMPLETION-CANDIDATES}")
    private BlendMode blend;

    @Option(names = "--batch", defaultValue = "4", description = "tiles per forward pass")
    private int batch;

    @Option(names = "--tta-xy", description = "test-time augmentation with xy flips")
    private boolean ttaXy;

    @Option(names = "--tta-z", description = "test-time augmentation with the z flip")
    private boolean ttaZ;

    @Override
    public Integer call() throws Exception {
        if (out == null && labelsOut == null && componentsOut == null) {
            throw new IllegalArgumentException("give at least one of --out, --labels-out, --components-out");
        }
        String[] names = {"--out", "--labels-out", "--components-out"};
        Path[] outputs = {out, labelsOut, componentsOut};
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] != null) {
                if (!OutputPaths.isLabelImageOf(outputs[i], image)) {
                    OutputPaths.requireDistinct(outputs[i], names[i], image, "--image");
                }
                OutputPaths.requireDistinct(outputs[i], names[i], model, "--model");
                for (int j = i + 1; j < outputs.length; j++) {
                    if (outputs[j] != null) {
                        OutputPaths.requireDistinct(outputs[j], names[j], outputs[i], names[i]);
                    }
                }
            }
        }
        if (dataset != null && level != null) {
            throw new IllegalArgumentException("give --dataset (HDF5 image) or --level (OME-Zarr image), not both");
        }
        if (out != null && OutputTarget.of(out).isOmeZarrImage() && java.nio.file.Files.isDirectory(out) && !resume) {
            try (var entries = java.nio.file.Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--out " + out + " exists and is not empty; give a new path, or"
                            + " --resume to finish an interrupted block-wise run of the same prediction");
                }
            }
        }
        if (out != null) {
            OutputPaths.requireWritableVolume(out, "--out", outDataset, PixelType.FLOAT32);
        }
        if (labelsOut != null) {
            OutputPaths.requireWritableVolume(labelsOut, "--labels-out", "/labels", PixelType.UINT8);
        }
        if (componentsOut != null) {
            OutputPaths.requireWritableVolume(componentsOut, "--components-out", "/components", PixelType.UINT16);
        }
        Volume volume = VolumeReaders.open(image, level != null ? level : dataset);
        for (Path target : new Path[] {out, labelsOut, componentsOut}) {
            if (target != null && target.toAbsolutePath().getParent() != null) {
                java.nio.file.Files.createDirectories(target.toAbsolutePath().getParent());
            }
        }
        WeightFormat runtime = engine == null ? null : WeightFormat.parse(engine);
        if (ModelPackage.isPackage(model)) {
            try (ModelPackage pkg = ModelPackage.open(model);
                    PackageModel loaded = pkg.load(runtime != null ? runtime : pkg.preferredFormat())) {
                int[] t = loaded.tileConstraint().nearest(tile, tile);
                int o = overlap >= 0 ? overlap : Math.max(2 * loaded.halo(), Math.min(t[0], t[1]) / 8);
                if (o < 2 * loaded.halo()) {
                    throw new IllegalArgumentException("--overlap " + o + " is less than twice the halo (" + loaded.halo()
                            + ") that " + model + " declares");
                }
                cli.err().println("bioimage.io package " + pkg.name() + ": tiles " + t[0] + " x " + t[1] + ", overlap " + o
                        + ", " + loaded.preprocessing() + ", " + loaded.postprocessing());
                write(loaded.predictor(volume, boundary).tileSize(t[0], t[1]).overlap(o), volume);
            }
            return EmsymCli.OK;
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            BundleModel loaded = BundleModel.load(model, manager, boundary);
            Normalizer normalizer = Normalizer.fit(volume, loaded.bundle().metadata().inputNormalization());
            if ((runtime != null ? runtime : DEFAULT_ENGINE) == WeightFormat.TORCHSCRIPT) {
                write(TiledVolumePredictor.builder(loaded.tileModel(), loaded.window()).tileSize(tile, tile)
                        .normalizer(normalizer), volume);
            } else {
                Path dir = Files.createTempDirectory("emsym-onnx-");
                try {
                    Path file = OnnxExporter.builder().build().write(loaded.bundle().network(), dir.resolve("model.onnx"));
                    try (BlockTileModel onnx = ImportedModel.onnx(file).activation(OutputActivation.NONE)
                            .inputChannels(loaded.tileModel().inputChannels()).load()) {
                        TileModel named = new SourceNamed(onnx, "model bundle " + model + " on ONNX Runtime");
                        write(TiledVolumePredictor.builder(named, loaded.window()).tileSize(tile, tile)
                                .normalizer(normalizer), volume);
                    }
                } finally {
                    AtomicFiles.deleteRecursively(dir);
                }
            }
        }
        return EmsymCli.OK;
    }

    /** Adds the common settings to {@code b} and writes the requested outputs. */
    private void write(TiledVolumePredictor.Builder b, Volume volume) throws IOException {
        b.blend(blend).batchSize(batch).augmentation(new TestTimeAugmentation(ttaXy, ttaZ))
                .progress(cli.progress()).cancellation(cli.cancellation());
        if (overlap >= 0) {
            b.overlap(overlap);
        }
        int[] perBlock = ShapeConverter.sizes(block, "--block");
        // PNG section folders in and out: the output sections keep the input's names (19.png .. 29.png)
        PredictionWriter.Builder w = PredictionWriter.builder(b.build()).threshold(threshold)
                .sectionNames(VolumeReaders.sectionNames(image))
                .zarr(zarr.writer(org.emsym.engine.progress.ProgressSink.NONE, cli.cancellation()))
                .zarrBlock(perBlock[0], perBlock[1], perBlock[2]);
        if (out != null) {
            w.probabilities(new OutputTarget(out, outDataset));
        }
        if (labelsOut != null) {
            w.labels(new OutputTarget(labelsOut, "/labels"));
        }
        if (componentsOut != null) {
            w.components(new OutputTarget(componentsOut, "/components"), ComponentMode.SECTIONS_4);
        }
        PredictionSummary summary = w.build().write(volume);
        cli.out().println(summary.toText());
    }

    /** A tile model under the name the command's messages use. */
    private record SourceNamed(TileModel model, String source) implements TileModel {
        @Override
        public int inputChannels() {
            return model.inputChannels();
        }

        @Override
        public int classes() {
            return model.classes();
        }

        @Override
        public float[] predict(float[] tiles, int batchSize, int height, int width) {
            return model.predict(tiles, batchSize, height, width);
        }
    }
}
