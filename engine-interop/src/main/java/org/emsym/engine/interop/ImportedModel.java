package org.emsym.engine.interop;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SymbolBlock;
import ai.djl.util.PairList;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.OutputActivation;
import org.emsym.engine.predict.TensorLayout;

/**
 * Loads an inference-only network exported from another framework as a {@link BlockTileModel}, so it can
 * drive the tiled predictor like a network trained here:
 * <ul>
 *   <li>a TensorFlow SavedModel folder (DJL TensorFlow engine, signature {@code serving_default}, tag
 *       {@code serve}; default layout channels-last, as Keras exports it);</li>
 *   <li>an ONNX file (DJL ONNX Runtime engine; default layout channels-first).</li>
 * </ul>
 * The network must take one 4-D float input and return a 4-D output of the input's height and width.
 * Its channel count, when the model declares it, must equal 2k+1 of the window it is used with
 * ({@link org.emsym.engine.predict.TiledVolumePredictor} checks that).
 *
 * <p>Offline, the TensorFlow engine needs {@code TENSORFLOW_LIBRARY_PATH} pointing at the unpacked natives
 * of {@code org.tensorflow:tensorflow-core-native:1.0.0-rc.1:linux-x86_64} (this module's build unpacks
 * them to {@code target/tensorflow-native/...}); ONNX Runtime ships its natives in its jar.
 */
public final class ImportedModel {

    /** DJL's name of the TensorFlow engine. */
    public static final String TENSORFLOW = "TensorFlow";
    /** DJL's name of the ONNX Runtime engine. */
    public static final String ONNX_RUNTIME = "OnnxRuntime";

    private final String engine;
    private final Path path;
    private TensorLayout layout;
    private OutputActivation activation = OutputActivation.NONE;
    private int inputChannels = -1;
    private String signature = "serving_default";
    private int threads = -1;

    private ImportedModel(String engine, Path path, TensorLayout layout) {
        this.engine = engine;
        this.path = Objects.requireNonNull(path, "path");
        this.layout = layout;
    }

    /** A TensorFlow SavedModel folder (the one holding {@code saved_model.pb}). */
    public static ImportedModel tensorFlow(Path savedModelFolder) {
        return new ImportedModel(TENSORFLOW, savedModelFolder, TensorLayout.NHWC);
    }

    /** An {@code .onnx} file. */
    public static ImportedModel onnx(Path file) {
        return new ImportedModel(ONNX_RUNTIME, file, TensorLayout.NCHW);
    }

    /** Axis order of the network's input and output (default NHWC for TensorFlow, NCHW for ONNX). */
    public ImportedModel layout(TensorLayout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
        return this;
    }

    /**
     * What turns the output into probabilities (default {@link OutputActivation#NONE}: exported models
     * usually end in a sigmoid or softmax; use SIGMOID/SOFTMAX for a model that outputs logits).
     */
    public ImportedModel activation(OutputActivation activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
        return this;
    }

    /** Input channels, needed only when the model leaves its channel axis undeclared. */
    public ImportedModel inputChannels(int channels) {
        if (channels <= 0) {
            throw new IllegalArgumentException("input channels must be positive, got " + channels);
        }
        this.inputChannels = channels;
        return this;
    }

    /** SavedModel signature to run (default {@code serving_default}); ignored for ONNX. */
    public ImportedModel signature(String key) {
        this.signature = Objects.requireNonNull(key, "signature");
        return this;
    }

    /**
     * ONNX Runtime's intra-op threads (inter-op: 1), e.g. to match DJL PyTorch's in a benchmark; default: ONNX
     * Runtime's own choice. Ignored for TensorFlow.
     */
    public ImportedModel threads(int intraOp) {
        if (intraOp <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + intraOp);
        }
        this.threads = intraOp;
        return this;
    }

    /**
     * Whether DJL finds {@code engine} ({@link #ONNX_RUNTIME}, {@link #TENSORFLOW}) on the class path: both are
     * runtime-only dependencies of this module, which a consumer (the KNIME bundle) may leave out.
     */
    public static boolean available(String engine) {
        return Engine.hasEngine(engine);
    }

    /**
     * Loads the network. The returned model owns the DJL model: close it when done.
     *
     * @throws FileNotFoundException if the path does not exist
     * @throws IOException if the engine cannot load it, or its inputs/outputs do not fit a
     *     segmentation network (the message names the path and the shapes)
     */
    public BlockTileModel load() throws IOException {
        if (!Files.exists(path)) {
            throw new FileNotFoundException(engine + " model " + path + " does not exist");
        }
        if (engine.equals(TENSORFLOW) && !Files.isRegularFile(path.resolve("saved_model.pb"))) {
            throw new IOException("TensorFlow model " + path + " is not a SavedModel folder (no saved_model.pb)");
        }
        if (!available(engine)) {
            throw new IOException(engine + " model " + path + " needs the DJL engine '" + engine
                    + "', which is not on the class path here");
        }
        Engine.getEngine(engine); // loads the natives (and, for TensorFlow, reads TENSORFLOW_LIBRARY_PATH) first
        Model model = Model.newInstance(modelName(), engine);
        try {
            Map<String, Object> options = new HashMap<>();
            if (engine.equals(TENSORFLOW)) {
                options.put("SignatureDefKey", signature);
            } else if (threads > 0) {
                options.put("intraOpNumThreads", String.valueOf(threads));
                options.put("interOpNumThreads", "1");
            }
            model.load(path, null, options);
            return wrap(model);
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IOException(engine + " cannot load " + path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            model.close();
            throw e;
        }
    }

    private BlockTileModel wrap(Model model) throws IOException {
        Block block = model.getBlock();
        if (!(block instanceof SymbolBlock symbol)) {
            throw new IOException(path + ": " + engine + " returned no symbol block");
        }
        OnnxSignature onnx = engine.equals(ONNX_RUNTIME) ? OnnxSignature.read(path) : null;
        PairList<String, Shape> inputs = onnx != null ? onnx.inputs() : symbol.describeInput();
        PairList<String, Shape> outputs = onnx != null ? onnx.outputs() : symbol.describeOutput();
        if (inputs.size() != 1) {
            throw new IOException(path + " has " + inputs.size() + " inputs " + inputs.keys()
                    + "; a segmentation network takes one (N, C, H, W) or (N, H, W, C) image batch");
        }
        Shape in = inputs.get(0).getValue();
        if (in.dimension() != 4) {
            throw new IOException(path + ": input '" + inputs.get(0).getKey() + "' has shape " + in
                    + "; expected 4 axes, " + (layout == TensorLayout.NCHW ? "(N, C, H, W)" : "(N, H, W, C)"));
        }
        BlockTileModel.Builder builder = BlockTileModel.builder(symbol).manager(model.getNDManager()).layout(layout)
                .activation(activation).source(path.toString()).owning(model);
        long declared = in.get(layout.channelAxis());
        if (declared > 0 && inputChannels > 0 && declared != inputChannels) {
            throw new IOException(path + ": input '" + inputs.get(0).getKey() + "' has " + declared
                    + " channels (shape " + in + ", " + layout + "), not the " + inputChannels + " stated");
        }
        if (declared > 0 || inputChannels > 0) {
            builder.inputChannels(declared > 0 ? (int) declared : inputChannels);
        } else {
            throw new IOException(path + ": input '" + inputs.get(0).getKey() + "' of shape " + in
                    + " does not declare its channels; state them with inputChannels(int)");
        }
        if (outputs.size() >= 1 && outputs.get(0).getValue().dimension() == 4) {
            long classes = outputs.get(0).getValue().get(layout.channelAxis());
            if (classes > 0) {
                builder.classes((int) classes);
            }
        }
        return builder.build();
    }

    private String modelName() {
        String name = path.getFileName() == null ? "model" : path.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    }
}
