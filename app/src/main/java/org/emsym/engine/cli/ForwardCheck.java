package org.emsym.engine.cli;

import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Normalizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.emsym.engine.model.UNet;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Window;
import org.emsym.engine.window.WindowSpec;

/** One forward pass of a U-Net on a window, summarized for the command line. */
final class ForwardCheck {

    private ForwardCheck() {
    }

    /**
     * Runs {@code net} on a (1, 2k+1, size, size) window: the top-left crop of the middle window of {@code image},
     * or, without an image, a deterministic ramp pattern in [0, 1].
     */
    static String run(UNet net, NDManager manager, int size, Path image, String dataset) throws IOException {
        int c = net.inChannels();
        float[] input = new float[c * size * size];
        String what;
        if (image != null) {
            Volume volume = VolumeReaders.open(image, dataset);
            if (volume.shape().height() < size || volume.shape().width() < size) {
                throw new IllegalArgumentException("--size " + size + " does not fit into the sections of " + image + " "
                        + volume.shape());
            }
            UnaryOperator<float[]> scaling = Normalizer.fit(volume, NormalizationSpec.typeMax()).sectionTransform();
            StackWindower windower = new StackWindower(volume, WindowSpec.of((c - 1) / 2), scaling);
            int z = volume.shape().depth() / 2;
            Window w = windower.window(z).crop(0, 0, size, size);
            input = w.toChw();
            what = "window centred on section " + z + " of " + image;
        } else {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < size * size; i++) {
                    input[(ch * size + i / size) * size + i % size] = ((i % size + i / size + 7 * ch) % size) / (float) size;
                }
            }
            what = "synthetic ramp window";
        }
        Shape shape = new Shape(1, c, size, size);
        net.validateInput(shape);
        try (NDManager scope = manager.newSubManager()) {
            long t0 = System.nanoTime();
            NDArray logits = net.forward(new ParameterStore(scope, false), new NDList(scope.create(input, shape)), false)
                    .singletonOrThrow();
            NDArray p = ai.djl.nn.Activation.sigmoid(logits);
            double ms = (System.nanoTime() - t0) / 1e6;
            return String.format(Locale.ROOT, "forward pass on %s: input %s -> output %s, probability min %.4f mean %.4f"
                    + " max %.4f, %.0f ms", what, shape, logits.getShape(), p.min().getFloat(), p.mean().getFloat(),
                    p.max().getFloat(), ms);
        }
    }
}
