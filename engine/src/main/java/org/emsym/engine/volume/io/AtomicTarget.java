package org.emsym.engine.volume.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary file or folder beside a target that becomes the target only on {@link #commit()}. Closing
 * without a commit deletes it, so a failed write leaves neither the target nor any temporary behind.
 */
final class AtomicTarget implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicTarget(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** A hidden temporary file in the target's folder. */
    static AtomicTarget file(Path target) throws IOException {
        Path parent = requireParent(target);
        return new AtomicTarget(target, Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp"));
    }

    /** A hidden temporary folder beside the target; the target must be absent or an empty folder. */
    static AtomicTarget folder(Path target) throws IOException {
        Path parent = requireParent(target);
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw VolumeFormatException.of(target, "exists and is not a folder; cannot write sections there");
            }
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw VolumeFormatException.of(target, "folder exists and is not empty; refusing to overwrite");
                }
            }
        }
        return new AtomicTarget(target, Files.createTempDirectory(parent, "." + target.getFileName() + "."));
    }

    private static Path requireParent(Path target) throws VolumeFormatException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw VolumeFormatException.of(target, "folder " + parent + " does not exist");
        }
        return parent;
    }

    /** Where to write. */
    Path temp() {
        return temp;
    }

    /** Moves the temporary onto the target in one step, replacing a file or an empty folder there. */
    void commit() throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw VolumeFormatException.of(target, "file system cannot replace the target atomically", e);
        } catch (DirectoryNotEmptyException e) {
            throw VolumeFormatException.of(target, "folder became non-empty while writing; not replaced", e);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed && Files.exists(temp)) {
            try (Stream<Path> walk = Files.walk(temp)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
