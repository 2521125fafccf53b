package org.emsym.engine.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.pretrained.PretrainedModels;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.model.UNet;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code emsym load-model}: reads pretrained weights or a model bundle, checks it and runs one forward pass. */
@Command(name = "load-model", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Load pretrained weights (building the U-Net with the 'none' first layer) or a saved model bundle,"
            + " print what was loaded and run one forward pass."})
final class LoadModelCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymCli cli;

    @Mixin
    private PretrainedOptions model;

    @Option(names = {"-b", "--bundle"}, description = "load this model bundle folder instead of --weights")
    private Path bundle;

    @Option(names = "--size", defaultValue = "256", description = "edge of the forward-pass window (multiple of 32)")
    private int size;

    @Option(names = {"-i", "--image"}, description = "take the forward-pass window from this stack (default: a ramp)")
    private Path image;

    @Option(names = "--dataset", description = "dataset path inside an HDF5 image")
    private String dataset;

    @Override
    public Integer call() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            UNet net;
            if (bundle != null) {
                ModelBundle loaded = ModelBundle.load(bundle, manager);
                ModelMetadata m = loaded.metadata();
                net = loaded.network();
                cli.out().println("bundle " + bundle + ": " + m.architecture() + " with encoder " + m.encoder() + ", "
                        + m.inChannels() + " input channels (k=" + m.context() + "), " + m.parameters().size() + " parameters,"
                        + " trained epochs " + m.history().size()
                        + (m.symmetrization() != null ? ", " + m.symmetrization().summary() : ""));
            } else {
                PretrainedWeights weights = PretrainedModels.read(model.weights);
                NamedTensor first = PretrainedModels.firstConvKernel(model.encoder, weights);
                cli.out().println("weights " + weights.source() + ": " + weights.format() + ", " + weights.size()
                        + " tensors, sha256 " + weights.sha256() + ", first convolution '" + first.name() + "' "
                        + Arrays.toString(first.shape()));
                net = PretrainedModels.build(manager, model.encoder, model.k, model.decoder, weights,
                        SymmetrizationStrategy.NONE, 42).network();
            }
            long count = net.getParameters().stream().mapToLong(p -> p.getValue().getArray().size()).sum();
            cli.out().println(net + ", " + count + " weights");
            cli.out().println(ForwardCheck.run(net, manager, size, image, dataset));
        }
        return EmsymCli.OK;
    }
}
