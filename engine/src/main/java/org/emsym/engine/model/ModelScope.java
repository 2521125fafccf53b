package org.emsym.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The native memory networks live in: one {@link NDManager} on one device, freed with the scope. Every network
 * built, loaded or trained in it, and every array an engine call makes under {@link #manager()}, is released
 * by {@link #close()}, so a host that runs one scope per execution (a KNIME node, a command) leaks nothing
 * between executions and never has to name a Deep Java Library type.
 *
 * <pre>{@code
 * try (ModelScope scope = ModelScope.open(DeviceSpec.parse("auto"))) {
 *     ModelBundle bundle = scope.load(folder);
 *     ... engine calls with scope.manager() ...
 * }
 * }</pre>
 */
public final class ModelScope implements AutoCloseable {

    private final NDManager manager;

    private ModelScope(NDManager manager) {
        this.manager = manager;
    }

    /**
     * A scope on the device {@code device} resolves to.
     *
     * @throws IllegalArgumentException naming the device when the engine has no such device
     */
    public static ModelScope open(DeviceSpec device) {
        return new ModelScope(NDManager.newBaseManager(device.resolve()));
    }

    /** A scope on the CPU. */
    public static ModelScope cpu() {
        return new ModelScope(NDManager.newBaseManager(Device.cpu()));
    }

    /** The manager engine calls take; arrays made under it live until the scope closes. */
    public NDManager manager() {
        return manager;
    }

    public Device device() {
        return manager.getDevice();
    }

    /**
     * Rebuilds the network of bundle {@code folder} in this scope, checking names, shapes and checksum.
     *
     * @throws IOException naming the folder when it is not a complete, intact bundle
     */
    public ModelBundle load(Path folder) throws IOException {
        return ModelBundle.load(folder, manager);
    }

    @Override
    public void close() {
        manager.close();
    }
}
