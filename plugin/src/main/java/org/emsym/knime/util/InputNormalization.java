package org.emsym.knime.util;

import java.util.function.UnaryOperator;

import org.emsym.engine.volume.NormalizationMethod;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;

/**
 * The one rule by which the Segmentation Learner and the Segmentation Predictor turn image sections into network
 * input, so that a model sees at prediction time what it saw in training: the normalization the image Volume
 * declares (fitted once on the whole volume), or, when it declares none, division by the pixel type's maximum
 * (0..255 becomes 0..1 for 8-bit; FLOAT32 stays as it is).
 */
public final class InputNormalization {

    private InputNormalization() {
    }

    /** A transform that normalizes one section in place and returns it. */
    public static UnaryOperator<float[]> sectionTransform(Volume image, NormalizationSpec spec) {
        if (spec != null && spec.method() != NormalizationMethod.NONE) {
            Normalizer normalizer = Normalizer.fit(image, spec);
            return section -> {
                normalizer.applyInPlace(section);
                return section;
            };
        }
        if (image.pixelType() == PixelType.FLOAT32) {
            return UnaryOperator.identity();
        }
        float scale = (float) (1.0 / image.pixelType().maxValue());
        return section -> {
            for (int i = 0; i < section.length; i++) {
                section[i] *= scale;
            }
            return section;
        };
    }

    /** Describes the rule applied for {@code spec}, e.g. for model metadata. */
    public static String describe(NormalizationSpec spec) {
        return spec == null || spec.method() == NormalizationMethod.NONE ? "divide by pixel type maximum"
                : spec.toString();
    }
}
