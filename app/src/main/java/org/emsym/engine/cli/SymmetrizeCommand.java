package org.emsym.engine.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.pretrained.PretrainedModels;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.report.Images;
import org.emsym.engine.report.Table;
import org.emsym.engine.symmetry.SymmetryReport;
import org.emsym.engine.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code emsym symmetrize}: adapts the pretrained first layer to 2k+1 sections and reports what changed. */
@Command(name = "symmetrize", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Build the U-Net on pretrained weights, adapt its first convolution to 2k+1 input sections with a"
            + " symmetrization strategy, print the symmetry report and run one forward pass."})
final class SymmetrizeCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymCli cli;

    @Mixin
    private PretrainedOptions model;

    @Option(names = {"-s", "--strategy"}, defaultValue = "uniform", description = "none, uniform or outer-average")
    private String strategy;

    @Option(names = "--size", defaultValue = "256", description = "edge of the forward-pass window (multiple of 32)")
    private int size;

    @Option(names = {"-i", "--image"}, description = "take the forward-pass window from this stack (default: a ramp)")
    private Path image;

    @Option(names = "--dataset", description = "dataset path inside an HDF5 image")
    private String dataset;

    @Option(names = "--csv", description = "write the per-channel norms before/after as CSV")
    private Path csv;

    @Option(names = "--kernels-png", description = "write the first-layer kernels before | after as one PNG per stage"
            + " (<name>-before.png, <name>-after.png)")
    private Path kernelsPng;

    @Option(names = {"-o", "--out"}, description = "save the (untrained) U-Net as a model bundle folder")
    private Path out;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the decoder initialization")
    private long seed;

    @Option(names = "--overwrite", description = "replace an existing model bundle at --out")
    private boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            ModelBundle.checkOutput(out, overwrite);
        }
        if (csv != null) {
            OutputPaths.requireWritableFile(csv, "--csv");
        }
        if (kernelsPng != null) {
            for (Path png : kernelPngs()) {
                OutputPaths.requireWritableFile(png, "--kernels-png");
            }
        }
        var strategyValue = org.emsym.engine.symmetry.SymmetrizationStrategy.fromId(strategy);
        PretrainedWeights weights = PretrainedModels.read(model.weights);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            PretrainedModels.Built built = PretrainedModels.build(manager, model.encoder, model.k, model.decoder, weights,
                    strategyValue, seed);
            SymmetryReport report = built.report();
            cli.out().println("weights " + weights.source() + " (" + weights.format() + ", sha256 " + weights.sha256() + ")");
            cli.out().println(built.network());
            cli.out().print(report.toText());
            cli.out().println(ForwardCheck.run(built.network(), manager, size, image, dataset));
            if (csv != null) {
                Table t = new Table("layer", "strategy", "stage", "channel", "l1", "l2");
                report.rows().forEach(r -> t.add(r.layer(), r.strategy(), r.stage(), r.channel(), r.l1(), r.l2()));
                AtomicFiles.write(csv, t.toCsv().getBytes(StandardCharsets.UTF_8));
            }
            if (kernelsPng != null) {
                Path[] pngs = kernelPngs();
                AtomicFiles.write(pngs[0],
                        s -> ImageIO.write(Images.kernelGrid(built.kernelBefore(), 32, 12), "png", s));
                AtomicFiles.write(pngs[1],
                        s -> ImageIO.write(Images.kernelGrid(built.kernelAfter(), 32, 12), "png", s));
            }
            if (out != null) {
                ModelBundle.save(out, built.network(), built.metadata());
                cli.out().println("saved model bundle " + out);
            }
        }
        return EmsymCli.OK;
    }

    /** The two files {@code --kernels-png} names: {@code <base>-before.png} and {@code <base>-after.png}. */
    private Path[] kernelPngs() {
        String base = kernelsPng.getFileName().toString().replaceFirst("\\.png$", "");
        Path dir = kernelsPng.toAbsolutePath().getParent();
        return new Path[] {dir.resolve(base + "-before.png"), dir.resolve(base + "-after.png")};
    }
}
