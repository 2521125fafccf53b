package org.emsym.knime.port;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emsym.engine.util.AtomicFiles;

/**
 * Creates the temporary folders holding the {@link org.emsym.engine.model.ModelBundle}s behind Segmentation Model
 * port objects, in the JVM's temporary folder (KNIME points it at its workspace temp folder). A folder is deleted
 * when its owner becomes unreachable; on failure the caller deletes it with {@link #delete(Path)}.
 */
final class ModelBundleStore {

    private static final Cleaner CLEANER = Cleaner.create();

    private ModelBundleStore() {
    }

    /** A new empty folder; {@code owner} holds it, and it is deleted once {@code owner} is unreachable. */
    static Path newFolder(Object owner) throws IOException {
        Path folder = Files.createTempDirectory("emsym-model-");
        CLEANER.register(owner, () -> {
            try {
                delete(folder);
            } catch (IOException | UncheckedIOException e) {
                // best effort: the JVM's temp folder is cleaned by KNIME
            }
        });
        return folder;
    }

    /** Deletes {@code folder} and everything in it, if it exists. */
    static void delete(Path folder) throws IOException {
        AtomicFiles.deleteRecursively(folder);
    }
}
