package org.emsym.engine.model.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.util.FileChecksums;

/**
 * Reads a Keras HDF5 weight file, the format Keras applications ship ({@code model.save_weights} or
 * {@code model.save}; in the latter the weights sit in group {@code model_weights}): root attribute
 * {@code layer_names}, one group per layer with attribute {@code weight_names}, one dataset per weight.
 * Tensor names drop the TensorFlow output suffix ({@code Conv1/kernel:0} becomes {@code Conv1/kernel}),
 * so they equal TF.js manifest names; layouts are converted by {@link KerasTensorLayout}. The whole
 * file is read and validated before anything is returned.
 */
public final class KerasH5WeightsReader {

    public static final String FORMAT = "keras-h5";

    private KerasH5WeightsReader() {
    }

    /**
     * @throws IOException when the file is missing or unreadable
     * @throws IllegalArgumentException when it is not a Keras weight file or a weight is malformed,
     *     naming the file and the layer or tensor
     */
    public static PretrainedWeights read(Path h5) throws IOException {
        if (!Files.isRegularFile(h5)) {
            throw new NoSuchFileException(h5.toString());
        }
        Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        try (HdfFile hdf = new HdfFile(h5)) {
            Group weightsRoot = hdf.getChildren().get("model_weights") instanceof Group g ? g : hdf;
            for (String layer : strings(h5, weightsRoot, "layer_names")) {
                Node layerNode = weightsRoot.getChild(layer);
                if (!(layerNode instanceof Group layerGroup)) {
                    throw new IllegalArgumentException("layer '" + layer + "' listed in layer_names has no group in " + h5);
                }
                for (String weightName : strings(h5, layerGroup, "weight_names")) {
                    NamedTensor t = readWeight(h5, layerGroup, weightName);
                    if (tensors.put(t.name(), t) != null) {
                        throw new IllegalArgumentException("tensor '" + t.name() + "' listed twice in " + h5);
                    }
                }
            }
        } catch (HdfException e) {
            throw new IllegalArgumentException("not a readable HDF5 file: " + h5 + " (" + e.getMessage() + ")", e);
        }
        return new PretrainedWeights(FORMAT, h5.toString(), FileChecksums.sha256(List.of(h5)), tensors);
    }

    private static String[] strings(Path h5, Node node, String attributeName) {
        Attribute attribute = node.getAttribute(attributeName);
        if (attribute == null) {
            throw new IllegalArgumentException("not a Keras weight file: " + h5 + " has no attribute '" + attributeName
                    + "' on " + node.getPath());
        }
        Object data = attribute.isEmpty() ? null : attribute.getData();
        if (data == null || (data.getClass().isArray() && java.lang.reflect.Array.getLength(data) == 0)) {
            return new String[0]; // Keras writes an empty float64 array for layers without weights
        }
        if (data instanceof String[] array) {
            return array;
        }
        if (data instanceof String single) {
            return new String[] {single};
        }
        throw new IllegalArgumentException("attribute '" + attributeName + "' on " + node.getPath() + " of " + h5
                + " is not a string array but " + data.getClass().getSimpleName());
    }

    private static NamedTensor readWeight(Path h5, Group layerGroup, String weightName) {
        Node node;
        try {
            node = layerGroup.getByPath(weightName);
        } catch (HdfException e) {
            node = null;
        }
        if (!(node instanceof Dataset dataset)) {
            throw new IllegalArgumentException("missing tensor '" + weightName + "' of layer '" + layerGroup.getName()
                    + "' in " + h5);
        }
        String name = weightName.endsWith(":0") ? weightName.substring(0, weightName.length() - 2) : weightName;
        int[] dims = dataset.getDimensions();
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[i];
        }
        Object flat = dataset.getDataFlat();
        float[] values;
        if (flat instanceof float[] f) {
            values = f;
        } else if (flat instanceof double[] d) {
            values = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                values[i] = (float) d[i];
            }
        } else {
            throw new IllegalArgumentException("tensor '" + name + "' in " + h5 + " is " + dataset.getJavaType().getSimpleName()
                    + ", expected float32 or float64");
        }
        return KerasTensorLayout.toEngineLayout(name, shape, values);
    }
}
