package org.emsym.knime.port;

import java.util.Optional;

import org.emsym.engine.window.WindowSpec;
import org.knime.core.node.InvalidSettingsException;

/**
 * The 2.5D window a model-consuming node cuts from an image Volume: the context k is the model's (its first
 * layer takes 2k+1 channels); the boundary mode is the one a Stack Windowing node recorded on the Volume, or the
 * engine's default when the Volume was not windowed.
 */
public final class ModelWindow {

    private ModelWindow() {
    }

    /**
     * @param image the image Volume's spec
     * @param k the model's context
     * @throws InvalidSettingsException if the Volume was windowed for another context than the model's
     */
    public static WindowSpec of(VolumePortObjectSpec image, int k) throws InvalidSettingsException {
        Optional<VolumeWindowing> windowing = image.getWindowing();
        if (windowing.isPresent() && windowing.get().context() != k) {
            throw new InvalidSettingsException("Image volume: it was windowed with context k="
                    + windowing.get().context() + " (Stack Windowing), but the Segmentation Model takes k=" + k
                    + " (2k+1 = " + (2 * k + 1) + " input channels)");
        }
        return windowing.map(VolumeWindowing::window).orElse(WindowSpec.of(k));
    }
}
