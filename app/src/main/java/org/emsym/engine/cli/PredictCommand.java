package org.emsym.engine.cli;

import org.emsym.engine.volume.Normalizer;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.emsym.engine.predict.ComponentMode;
import org.emsym.engine.predict.OutputTarget;
import org.emsym.engine.predict.PredictionSummary;
import org.emsym.engine.predict.PredictionWriter;
import org.emsym.engine.predict.TestTimeAugmentation;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.window.BlendMode;
import org.emsym.engine.window.BoundaryMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code emsym predict}: tiled whole-stack prediction with a saved model bundle. */
@Command(name = "predict", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Predict membrane probabilities for a whole stack tile by tile with a model bundle.")
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymCli cli;

    @Option(names = {"-m", "--model"}, required = true, description = "model bundle folder (from train or pipeline)")
    private Path model;

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

    @Option(names = "--tile", defaultValue = "256", description = "tile edge in pixels (multiple of 32)")
    private int tile;

    @Option(names = "--overlap", defaultValue = "-1", description = "tile overlap in pixels (-1: tile/8)")
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
        Volume volume = VolumeReaders.open(image, level != null ? level : dataset);
        for (Path target : new Path[] {out, labelsOut, componentsOut}) {
            if (target != null && target.toAbsolutePath().getParent() != null) {
                java.nio.file.Files.createDirectories(target.toAbsolutePath().getParent());
            }
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            BundleModel loaded = BundleModel.load(model, manager, boundary);
            TiledVolumePredictor.Builder b = TiledVolumePredictor.builder(loaded.tileModel(), loaded.window())
                    .tileSize(tile, tile).blend(blend).batchSize(batch)
                    .augmentation(new TestTimeAugmentation(ttaXy, ttaZ))
                    .sectionTransform(Normalizer.fit(volume, loaded.bundle().metadata().inputNormalization())
                            .sectionTransform())
                    .progress(cli.progress()).cancellation(cli.cancellation());
            if (overlap >= 0) {
                b.overlap(overlap);
            }
            int[] perBlock = ShapeConverter.sizes(block, "--block");
            PredictionWriter.Builder w = PredictionWriter.builder(b.build()).threshold(threshold)
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
        return EmsymCli.OK;
    }
}
