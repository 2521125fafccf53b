package org.emsym.spark;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.predict.BlockTileModel;

/**
 * The models of one executor JVM: each bundle is loaded once per (path, parameter hash, device) on first
 * use, lazily, and kept for the JVM's life, so the tasks an executor runs (concurrently or one after the
 * other) share one copy of the weights. Each task gets its own {@link BlockTileModel} over the shared
 * network (a tile model is single-threaded; the network's weights are only read during prediction, and
 * every forward pass allocates in its own sub-manager, so native memory does not grow per block).
 *
 * <p>DJL's PyTorch threads are fixed when its engine loads: {@link #configureThreads} sets the intra-op
 * threads of every task to {@code spark.task.cpus} (so the {@code spark.executor.cores / spark.task.cpus}
 * concurrent tasks of an executor use its cores) unless the JVM was started with
 * {@code -Dai.djl.pytorch.num_threads} already.
 */
final class ExecutorModels {

    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    static final String INTEROP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private static final Map<Key, Loaded> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorModels() {
    }

    /** The cache key: a changed bundle at the same path, or another device, is another model. */
    private record Key(String path, String sha256, Device device) {
    }

    /** One loaded bundle: its network under a manager that lives as long as the JVM. */
    static final class Loaded {
        private final ModelBundle bundle;
        private final NDManager manager;
        private final String source;

        private Loaded(ModelBundle bundle, NDManager manager, String source) {
            this.bundle = bundle;
            this.manager = manager;
            this.source = source;
        }

        /** A tile model for one task over the shared network; closing it releases nothing shared. */
        BlockTileModel newTileModel() {
            return BlockTileModel.builder(bundle.network()).manager(manager).classes(bundle.metadata().classes())
                    .source(source).build();
        }

        ModelBundle bundle() {
            return bundle;
        }
    }

    /**
     * Sets DJL's intra-op threads to {@code taskCpus} (and one inter-op thread) if nobody set them; must run
     * before the first DJL call of the JVM to have an effect.
     */
    static void configureThreads(int taskCpus) {
        synchronized (ExecutorModels.class) {
            if (System.getProperty(THREADS_PROPERTY) == null) {
                System.setProperty(THREADS_PROPERTY, Integer.toString(Math.max(1, taskCpus)));
            }
            if (System.getProperty(INTEROP_PROPERTY) == null) {
                System.setProperty(INTEROP_PROPERTY, "1");
            }
        }
    }

    /**
     * The bundle at {@code folder} on {@code device}, loaded on the first call of this JVM.
     *
     * @throws UncheckedIOException naming the bundle if it cannot be loaded
     */
    static Loaded get(Path folder, String sha256, Device device) {
        Key key = new Key(folder.toAbsolutePath().normalize().toString(), sha256, device);
        return MODELS.computeIfAbsent(key, k -> load(folder, device));
    }

    /** How many bundles this JVM has loaded so far. */
    static int loads() {
        return LOADS.get();
    }

    private static Loaded load(Path folder, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        try {
            ModelBundle bundle = ModelBundle.load(folder, manager);
            LOADS.incrementAndGet();
            return new Loaded(bundle, manager, "model bundle " + folder + " on " + device);
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
