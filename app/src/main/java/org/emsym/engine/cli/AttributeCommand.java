package org.emsym.engine.cli;

import org.emsym.engine.volume.Normalizer;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.attribution.AttributionConfig;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.BaselineKind;
import org.emsym.engine.attribution.ChannelShares;
import org.emsym.engine.attribution.GradientAttributor;
import org.emsym.engine.report.Table;
import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Window;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code emsym attribute}: how much each section of the 2.5D window contributes to the prediction. */
@Command(name = "attribute", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Attribute a model's membrane score to the 2k+1 sections of its input windows and print the"
            + " per-section shares with 95%% bootstrap intervals and the z-1/z+1 asymmetry."})
final class AttributeCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymCli cli;

    @Option(names = {"-m", "--model"}, required = true, description = "model bundle folder")
    private Path model;

    @Option(names = {"-i", "--image"}, required = true, description = "image stack: .tif, section folder or .h5")
    private Path image;

    @Option(names = "--dataset", description = "dataset path inside an HDF5 image")
    private String dataset;

    @Option(names = "--sections", split = ",", description = "centre sections to attribute (default: the middle one)")
    private int[] sections;

    @Option(names = "--crop", defaultValue = "128", description = "edge of the attributed crops (multiple of 32)")
    private int crop;

    @Option(names = "--crops-per-section", defaultValue = "4", description = "crops per section along the diagonal")
    private int cropsPerSection;

    @Option(names = "--method", defaultValue = "INTEGRATED_GRADIENTS", description = "${COMPLETION-CANDIDATES}")
    private AttributionMethod method;

    @Option(names = "--steps", defaultValue = "16", description = "integrated-gradients steps")
    private int steps;

    @Option(names = "--baseline", defaultValue = "ZEROS", description = "IG baseline: ${COMPLETION-CANDIDATES}")
    private BaselineKind baseline;

    @Option(names = "--boundary", defaultValue = "REFLECT", description = "window completion: ${COMPLETION-CANDIDATES}")
    private BoundaryMode boundary;

    @Option(names = "--seed", defaultValue = "42", description = "bootstrap and SmoothGrad seed")
    private long seed;

    @Option(names = "--csv", description = "write the shares of every crop as CSV")
    private Path csv;

    @Override
    public Integer call() throws Exception {
        if (csv != null) {
            OutputPaths.requireDistinct(csv, "--csv", image, "--image");
            OutputPaths.requireWritableFile(csv, "--csv");
        }
        Volume volume = VolumeReaders.open(image, dataset);
        if (crop > volume.shape().height() || crop > volume.shape().width()) {
            throw new IllegalArgumentException("--crop " + crop + " does not fit into the sections of " + image + " "
                    + volume.shape());
        }
        if (cropsPerSection < 1) {
            throw new IllegalArgumentException("--crops-per-section must be >= 1, got " + cropsPerSection);
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            BundleModel loaded = BundleModel.load(model, manager, boundary);
            StackWindower windower = new StackWindower(volume, loaded.window(),
                    Normalizer.fit(volume, loaded.bundle().metadata().inputNormalization()).sectionTransform());
            int[] centres = sections != null ? sections : new int[] {volume.shape().depth() / 2};
            for (int z : centres) {
                if (!windower.isCentre(z)) {
                    throw new IllegalArgumentException("--sections: section " + z + " has no window in " + image + " "
                            + volume.shape() + " with " + loaded.window());
                }
            }
            GradientAttributor attributor = new GradientAttributor(loaded.bundle().network(), AttributionConfig.builder()
                    .method(method).steps(steps).baseline(baseline).batchSize(Math.min(8, steps)).seed(seed).build());
            List<ChannelShares> shares = new ArrayList<>();
            List<String> header = new ArrayList<>(List.of("z", "y", "x"));
            int k = loaded.window().context();
            for (int c = 0; c < 2 * k + 1; c++) {
                header.add("share_" + AsymmetrySummary.channelLabel(c, k));
            }
            Table table = new Table(header);
            int total = centres.length * cropsPerSection;
            for (int i = 0; i < centres.length; i++) {
                Window w = windower.window(centres[i]);
                for (int j = 0; j < cropsPerSection; j++) {
                    cli.cancellation().check();
                    double t = cropsPerSection == 1 ? 0.5 : (double) j / (cropsPerSection - 1);
                    int y = (int) Math.round(t * (w.height() - crop));
                    int x = (int) Math.round(t * (w.width() - crop));
                    ChannelShares s = attributor.attribute(manager, w.crop(y, x, crop, crop).channels(), crop, crop, null)
                            .shares();
                    shares.add(s);
                    List<Object> row = new ArrayList<>(List.of(centres[i], y, x));
                    for (double v : s.shares()) {
                        row.add(v);
                    }
                    table.add(row.toArray());
                    cli.progress().report((i * cropsPerSection + j + 1.0) / total, "section " + centres[i] + ", crop "
                            + (j + 1) + "/" + cropsPerSection);
                }
            }
            cli.out().print(AsymmetrySummary.of(shares, seed).toText());
            if (csv != null) {
                AtomicFiles.write(csv, table.toCsv().getBytes(StandardCharsets.UTF_8));
            }
        }
        return EmsymCli.OK;
    }
}
