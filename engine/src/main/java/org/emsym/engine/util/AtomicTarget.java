package org.emsym.engine.util;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * A temporary file or folder beside a target that becomes the target only on {@link #commit()}. Closing
 * without a commit deletes it, so a failed write leaves neither the target nor any temporary behind.
 */
public final class AtomicTarget implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final boolean replaceFolder;
    private boolean committed;

    private AtomicTarget(Path target, Path temp) {
        this(target, temp, false);
    }

    private AtomicTarget(Path target, Path temp, boolean replaceFolder) {
        this.target = target;
        this.temp = temp;
        this.replaceFolder = replaceFolder;
    }

    /** A hidden temporary file in the target's folder. */
    public static AtomicTarget file(Path target) throws IOException {
        Path parent = requireParent(target);
        return new AtomicTarget(target, readable(Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp"), "rw-r--r--"));
    }

    /** A hidden temporary folder beside the target; the target must be absent or an empty folder. */
    public static AtomicTarget folder(Path target) throws IOException {
        Path parent = requireParent(target);
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new IOException(target + ": exists and is not a folder; cannot write there");
            }
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(target + ": folder exists and is not empty; refusing to overwrite");
                }
            }
        }
        return new AtomicTarget(target, readable(Files.createTempDirectory(parent, "." + target.getFileName() + "."), "rwxr-xr-x"));
    }

    /**
     * A hidden temporary folder beside the target that, on {@link #commit()}, replaces the target even when it is
     * a non-empty folder (moved aside, then deleted). The caller decides beforehand that the folder there may be
     * replaced (e.g. it holds only an earlier model bundle); this only does the move.
     */
    public static AtomicTarget replacingFolder(Path target) throws IOException {
        Path parent = requireParent(target);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IOException(target + ": exists and is not a folder; cannot write there");
        }
        return new AtomicTarget(target, readable(Files.createTempDirectory(parent, "." + target.getFileName() + "."),
                "rwxr-xr-x"), true);
    }

    private static Path requireParent(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException(target + ": folder " + parent + " does not exist");
        }
        return parent;
    }

    /** Where to write. */
    public Path temp() {
        return temp;
    }

    /** Moves the temporary onto the target in one step, replacing a file or an empty folder there. */
    public void commit() throws IOException {
        if (replaceFolder && Files.isDirectory(target)) {
            Path old = Files.createTempDirectory(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".");
            try {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(old);
                throw new IOException(target + ": file system cannot replace the target atomically", e);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                throw new IOException(target + ": cannot move the new folder into place; the previous one is kept", e);
            }
            committed = true;
            AtomicFiles.deleteRecursively(old);
            return;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(target + ": file system cannot replace the target atomically", e);
        } catch (DirectoryNotEmptyException e) {
            throw new IOException(target + ": folder became non-empty while writing; not replaced", e);
        }
        committed = true;
    }

    /**
     * Temp files are created owner-only; the final file should be as readable as any other output, so
     * give it the usual permissions where the file system has POSIX permissions.
     */
    private static Path readable(Path p, String permissions) throws IOException {
        if (Files.getFileAttributeView(p, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
        }
        return p;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            AtomicFiles.deleteRecursively(temp);
        }
    }
}
