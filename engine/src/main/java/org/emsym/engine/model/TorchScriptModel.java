package org.emsym.engine.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A whole segmentation model exported as TorchScript ({@code torch.jit.script}/{@code trace(...).save}, e.g. a
 * segmentation_models_pytorch U-Net), loaded through DJL's PyTorch engine with trainable parameters. Its first
 * convolution (the first 4-D weight in the module's parameter order) is exposed for symmetrization; the input
 * channel count is fixed by the export (export the model with 2k+1 input channels).
 */
public final class TorchScriptModel implements AutoCloseable {

    private final Model model;
    private final Path file;
    private final String firstConvName;
    private final Parameter firstConv;

    private TorchScriptModel(Model model, Path file, String firstConvName, Parameter firstConv) {
        this.model = model;
        this.file = file;
        this.firstConvName = firstConvName;
        this.firstConv = firstConv;
    }

    /**
     * Loads {@code ptFile}.
     *
     * @param trainable whether the parameters take gradients (for fine-tuning with a DJL {@code Trainer}). Note that
     *     DJL's {@code PtModel.newTrainer} unfreezes a loaded model's parameters; freeze again after creating the
     *     trainer to keep them fixed.
     * @throws IOException naming the file when it is missing, not TorchScript, or has no 4-D convolution weight
     */
    public static TorchScriptModel load(Path ptFile, boolean trainable) throws IOException {
        if (!Files.isRegularFile(ptFile)) {
            throw new NoSuchFileException(ptFile.toString(), null, "TorchScript model not found");
        }
        Model model = Model.newInstance(ptFile.getFileName().toString(), "PyTorch");
        try {
            // Always load as trainable: libtorch loads a non-training module's weights as inference tensors,
            // which cannot be edited in place (symmetrization). Freezing afterwards keeps them editable.
            model.load(ptFile.toAbsolutePath().getParent(), ptFile.getFileName().toString(), Map.of("trainParam", "true"));
            if (!trainable) {
                model.getBlock().freezeParameters(true);
            }
            for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                if (p.getValue().getArray().getShape().dimension() == 4) {
                    return new TorchScriptModel(model, ptFile, p.getKey(), p.getValue());
                }
            }
            throw new IOException("TorchScript model " + ptFile + " has no 4-D (convolution) weight");
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IOException("cannot load TorchScript model " + ptFile + ": " + e.getMessage(), e);
        } catch (IOException e) {
            model.close();
            throw e;
        }
    }

    /** The DJL model (for {@code newTrainer}, {@code newPredictor}). */
    public Model model() {
        return model;
    }

    public Block block() {
        return model.getBlock();
    }

    public Path file() {
        return file;
    }

    /** The module-path name of the first convolution weight, e.g. {@code encoder.conv1.weight}. */
    public String firstConvName() {
        return firstConvName;
    }

    /** The first convolution's weight (out, in, kh, kw); editing its array changes the model. */
    public Parameter firstConvWeight() {
        return firstConv;
    }

    /** Input channels the model was exported with. */
    public int inChannels() {
        return (int) firstConv.getArray().getShape().get(1);
    }

    /** One inference forward pass. */
    public NDArray forward(NDArray input) {
        return block().forward(new ParameterStore(input.getManager(), false), new NDList(input), false).singletonOrThrow();
    }

    @Override
    public void close() {
        model.close();
    }
}
