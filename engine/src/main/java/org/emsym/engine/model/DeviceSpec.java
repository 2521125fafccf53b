package org.emsym.engine.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where training runs: {@code auto} (the first GPU when the engine reports CUDA, otherwise the CPU with a
 * logged note), {@code cpu}, {@code gpu} (the same as {@code gpu:0}) or {@code gpu:N}.
 *
 * @param text the setting as given, e.g. {@code gpu:0}
 */
public record DeviceSpec(String text) {

    private static final System.Logger LOG = System.getLogger(DeviceSpec.class.getName());
    private static final AtomicBoolean CPU_FALLBACK_REPORTED = new AtomicBoolean();

    public static final DeviceSpec AUTO = new DeviceSpec("auto");
    public static final DeviceSpec CPU = new DeviceSpec("cpu");

    /** Validates the syntax; whether a GPU exists is checked by {@link #resolve()}. */
    public DeviceSpec {
        text = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (text.equals("gpu")) {
            text = "gpu:0";
        }
        if (!text.equals("auto") && !text.equals("cpu") && gpuIndex(text) < 0) {
            throw new IllegalArgumentException(
                    "device must be 'auto', 'cpu', 'gpu' or 'gpu:N' with N >= 0, got '" + text + "'");
        }
    }

    public static DeviceSpec parse(String text) {
        return new DeviceSpec(text);
    }

    /** The device on the default engine. */
    public Device resolve() {
        return resolve(Engine.getInstance().getGpuCount());
    }

    /** The device given the number of GPUs the engine sees (separate for testing without a GPU). */
    public Device resolve(int gpuCount) {
        if (text.equals("cpu")) {
            return Device.cpu();
        }
        if (text.equals("auto")) {
            if (gpuCount > 0) {
                return Device.gpu(0);
            }
            if (!CPU_FALLBACK_REPORTED.getAndSet(true)) { // once per process, not per resolve
                LOG.log(System.Logger.Level.INFO, "device 'auto': the deep-learning engine reports no CUDA GPU,"
                        + " training on the CPU (see README for the CUDA build of libtorch)");
            }
            return Device.cpu();
        }
        int index = gpuIndex(text);
        if (index >= gpuCount) {
            throw new IllegalArgumentException("device '" + text + "' asks for GPU " + index + " but the engine sees "
                    + gpuCount + " GPU(s)" + (gpuCount == 0
                            ? " (the CPU build of libtorch is loaded; set PYTORCH_LIBRARY_PATH to a CUDA libtorch)"
                            : ", valid are gpu:0 to gpu:" + (gpuCount - 1)));
        }
        return Device.gpu(index);
    }

    private static int gpuIndex(String text) {
        if (!text.startsWith("gpu:")) {
            return -1;
        }
        try {
            return Integer.parseInt(text.substring(4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
