package org.emsym.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A network's parameters under an external naming scheme (e.g. torchvision state-dict names), used to copy
 * pretrained tensors in and to export a state dict out. Copying is all-or-nothing: every shape is checked
 * before the first value is written.
 */
public final class NamedParameters {

    private final Map<String, Parameter> byName;

    public NamedParameters(Map<String, Parameter> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; known: " + byName.keySet());
        }
        return p;
    }

    /** The current values of every (initialized) parameter as float32 tensors, in naming order. */
    public Map<String, NamedTensor> toTensors() {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        byName.forEach((name, p) -> out.put(name, read(name, p)));
        return out;
    }

    /** Reads one parameter's values. */
    public static NamedTensor read(String name, Parameter p) {
        requireInitialized(name, p);
        NDArray a = p.getArray();
        float[] values = a.getDataType() == DataType.FLOAT32 ? a.toFloatArray() : a.toType(DataType.FLOAT32, false).toFloatArray();
        return new NamedTensor(name, a.getShape().getShape(), values);
    }

    /** Overwrites a parameter's values in place (shape must match). */
    public static void write(Parameter p, NamedTensor t) {
        requireInitialized(t.name(), p);
        long[] expected = p.getArray().getShape().getShape();
        if (!Arrays.equals(expected, t.shape())) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' has shape " + Arrays.toString(t.shape())
                    + ", parameter expects " + Arrays.toString(expected));
        }
        NDArray a = p.getArray();
        boolean grad = a.hasGradient();
        if (grad) {
            a.setRequiresGradient(false); // libtorch forbids in-place writes to a leaf that requires grad
        }
        a.set(t.values());
        if (grad) {
            a.setRequiresGradient(true);
        }
    }

    /**
     * Copies every named parameter from {@code weights}, except those in {@code leftToCaller} when their shape
     * differs (the first convolution of a network with other than 3 input channels). Tensors in the file
     * that this network does not use (a classifier head, {@code num_batches_tracked}) are ignored.
     *
     * @return names of the parameters that were skipped because they are left to the caller
     * @throws IllegalArgumentException naming the file and the first missing tensor or mismatched shape;
     *     nothing is written in that case
     */
    public List<String> copyFrom(PretrainedWeights weights, Set<String> leftToCaller) {
        Objects.requireNonNull(weights, "weights");
        List<String> skipped = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            String name = e.getKey();
            requireInitialized(name, e.getValue());
            if (!weights.contains(name)) {
                problems.add("missing tensor '" + name + "'");
                continue;
            }
            long[] expected = e.getValue().getArray().getShape().getShape();
            long[] actual = weights.get(name).shape();
            if (!Arrays.equals(expected, actual)) {
                if (leftToCaller.contains(name)) {
                    skipped.add(name);
                } else {
                    problems.add("tensor '" + name + "' has shape " + Arrays.toString(actual) + ", layer expects " + Arrays.toString(expected));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(weights.format() + " weights " + weights.source() + " do not fit: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? " (and " + (problems.size() - 5) + " more)" : ""));
        }
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            if (!skipped.contains(e.getKey())) {
                write(e.getValue(), weights.get(e.getKey()));
            }
        }
        return skipped;
    }

    private static void requireInitialized(String name, Parameter p) {
        if (p == null || !p.isInitialized()) {
            throw new IllegalStateException("parameter '" + name + "' is not initialized; initialize the block first");
        }
    }
}
