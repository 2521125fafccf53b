package org.emsym.engine.symmetry;

import ai.djl.nn.Parameter;
import java.util.Arrays;
import org.emsym.engine.model.Encoder;
import org.emsym.engine.model.NamedParameters;
import org.emsym.engine.model.NamedTensor;

/**
 * Writes a symmetrized first-convolution kernel into an initialized {@link Encoder}. The source is the
 * pretrained kernel (usually RGB, shape (out, 3, kh, kw)) as read from the weight file, because the encoder's
 * own first layer already has 2k+1 channels and may hold random values.
 */
public final class FirstLayerSymmetrizer {

    private FirstLayerSymmetrizer() {
    }

    /**
     * Adapts {@code pretrained} to the encoder's input channels with {@code strategy} and writes it into
     * {@link Encoder#firstConvWeight()}.
     *
     * @throws IllegalArgumentException when out-channels or kernel size differ from the encoder's first layer
     */
    public static SymmetryReport apply(Encoder encoder, NamedTensor pretrained, SymmetrizationStrategy strategy) {
        return apply(encoder.firstConvWeight(), encoder.architecture() + " first convolution", pretrained, strategy);
    }

    /**
     * As {@link #apply(Encoder, NamedTensor, SymmetrizationStrategy)} for any convolution weight, e.g. the first
     * convolution of a TorchScript model; {@code layer} names it in messages.
     */
    public static SymmetryReport apply(Parameter target, String layer, NamedTensor pretrained, SymmetrizationStrategy strategy) {
        if (!target.isInitialized()) {
            throw new IllegalStateException("initialize the network before symmetrizing its " + layer);
        }
        long[] t = target.getArray().getShape().getShape();
        long[] s = pretrained.shape();
        if (t.length != 4 || s.length != 4 || s[0] != t[0] || s[2] != t[2] || s[3] != t[3]) {
            throw new IllegalArgumentException("pretrained first-layer kernel '" + pretrained.name() + "' " + Arrays.toString(s)
                    + " does not fit the " + layer + " " + Arrays.toString(t) + " (out-channels and kernel size must agree)");
        }
        NamedTensor adapted = KernelSymmetrizer.adapt(pretrained, (int) t[1], strategy);
        NamedParameters.write(target, adapted);
        return report(pretrained.name(), strategy, pretrained, adapted);
    }

    /** Symmetrizes the encoder's current first-layer kernel in place (its channel count is kept). */
    public static SymmetryReport applyInPlace(Encoder encoder, SymmetrizationStrategy strategy) {
        NamedTensor current = NamedParameters.read("first convolution", encoder.firstConvWeight());
        return apply(encoder, current, strategy);
    }

    /** The report for a source kernel and its adapted version. */
    public static SymmetryReport report(String layer, SymmetrizationStrategy strategy, NamedTensor before, NamedTensor after) {
        return new SymmetryReport(layer, strategy, KernelSymmetrizer.channelL1(before), KernelSymmetrizer.channelL2(before),
                KernelSymmetrizer.channelL1(after), KernelSymmetrizer.channelL2(after),
                KernelSymmetrizer.symmetryError(before), KernelSymmetrizer.symmetryError(after));
    }
}
