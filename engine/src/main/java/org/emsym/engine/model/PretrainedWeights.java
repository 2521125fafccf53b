package org.emsym.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The tensors of a pretrained weight file by name, in file order, with where they came from. Names
 * keep the source's naming scheme (Keras layer names such as {@code Conv1/kernel}, torchvision names
 * such as {@code conv1.weight}); encoders map them onto their own parameters.
 */
public final class PretrainedWeights {

    private final String format;
    private final String source;
    private final String sha256;
    private final Map<String, NamedTensor> tensors;

    /**
     * @param format short format name, e.g. "tfjs-layers", "keras-h5", "safetensors", "npz"
     * @param source the file or folder read, for messages and provenance
     * @param sha256 checksum of the source file(s), hex
     */
    public PretrainedWeights(String format, String source, String sha256, Map<String, NamedTensor> tensors) {
        this.format = Objects.requireNonNull(format, "format");
        this.source = Objects.requireNonNull(source, "source");
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    public String format() {
        return format;
    }

    public String source() {
        return source;
    }

    public String sha256() {
        return sha256;
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    public Map<String, NamedTensor> asMap() {
        return tensors;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws IllegalArgumentException naming the tensor and the file when it is missing
     */
    public NamedTensor get(String name) {
        NamedTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("missing tensor '" + name + "' in " + format + " weights " + source);
        }
        return t;
    }

    public int size() {
        return tensors.size();
    }
}
