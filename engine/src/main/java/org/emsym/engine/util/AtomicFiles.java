package org.emsym.engine.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes whole files so that readers see either the old content or the complete new one, never a
 * half-written file (through {@link AtomicTarget}: a temp file beside the target, then an atomic move).
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Streams {@code content} into a temp file beside {@code target} (folders created) and moves it into place. */
    public static void write(Path target, Content content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (AtomicTarget t = AtomicTarget.file(target)) {
            try (OutputStream out = Files.newOutputStream(t.temp())) {
                content.writeTo(out);
            }
            t.commit();
        }
    }

    /**
     * Deletes {@code path} and, for a folder, everything in it (deepest first); nothing when it does not exist.
     * The project's one recursive delete (temp folders, replaced bundles, node-owned folders).
     *
     * @throws IOException naming the first entry that could not be deleted
     */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
