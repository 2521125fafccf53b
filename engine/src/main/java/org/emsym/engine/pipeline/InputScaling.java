package org.emsym.engine.pipeline;

import java.util.function.UnaryOperator;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.volume.PixelType;

/**
 * The input scaling of pipeline models: integer sections are divided by their pixel type's maximum (8-bit 0..255
 * becomes 0..1, the range the pretrained nsfwjs MobileNetV2 expects), as {@link org.emsym.engine.train.TrainingData}
 * does by default; float sections are used as they are. Bundles record it as normalization {@link #METHOD}.
 */
public final class InputScaling {

    /** Normalization method name stored in bundle metadata. */
    public static final String METHOD = "divide-by-type-max";

    private InputScaling() {
    }

    /** The metadata entry describing this scaling for {@code type}. */
    public static ModelMetadata.Normalization metadata(PixelType type) {
        return new ModelMetadata.Normalization(METHOD, java.util.Map.of("typeMax", type.maxValue()));
    }

    /** A section transform for {@code type} that returns a scaled copy. */
    public static UnaryOperator<float[]> forPixelType(PixelType type) {
        if (type == PixelType.FLOAT32) {
            return UnaryOperator.identity();
        }
        float scale = (float) (1.0 / type.maxValue());
        return section -> {
            float[] s = section.clone();
            for (int i = 0; i < s.length; i++) {
                s[i] *= scale;
            }
            return s;
        };
    }

    /**
     * The transform a bundle's metadata asks for, applied to sections of {@code type}.
     *
     * @throws IllegalArgumentException naming the method when the bundle uses a normalization this class cannot redo
     */
    public static UnaryOperator<float[]> fromMetadata(ModelMetadata.Normalization normalization, PixelType type) {
        if (normalization == null) {
            return UnaryOperator.identity();
        }
        if (!METHOD.equals(normalization.method())) {
            throw new IllegalArgumentException("model normalization '" + normalization.method() + "' is not supported"
                    + " by the command line (expected " + METHOD + ")");
        }
        return forPixelType(type);
    }
}
