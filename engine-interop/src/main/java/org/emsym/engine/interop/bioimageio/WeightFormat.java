package org.emsym.engine.interop.bioimageio;

import java.util.Locale;

/** The weight formats of a bioimage.io package that EMSym runs, under their description keys. */
public enum WeightFormat {
    /** {@code weights.onnx}: ONNX Runtime (DJL's OnnxRuntime engine). */
    ONNX("onnx"),
    /** {@code weights.torchscript}: TorchScript through DJL's PyTorch engine. */
    TORCHSCRIPT("torchscript");

    private final String key;

    WeightFormat(String key) {
        this.key = key;
    }

    /** The key under {@code weights} in the description. */
    public String key() {
        return key;
    }

    /**
     * The format named {@code name}: its key or the engine name ({@code onnx}, {@code torch}, {@code torchscript},
     * {@code pytorch}), any case.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static WeightFormat parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "onnx", "onnxruntime" -> ONNX;
            case "torch", "torchscript", "pytorch" -> TORCHSCRIPT;
            default -> throw new IllegalArgumentException("weight format '" + name + "' is not one of onnx, torch");
        };
    }
}
