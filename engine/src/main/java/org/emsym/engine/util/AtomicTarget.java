package org.emsym.engine.util;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A temporary file or folder beside a target that becomes the target only on {@link #commit()}. Closing
 * without a commit deletes it, so a failed write leaves neither the target nor any temporary behind.
 *
 * <p>Temporaries are hidden and name their writer's process: {@code .<target>.p<pid>.<random>} (folders) and
 * {@code .<target>.p<pid>.<random>.tmp} (files). A process killed before it could close leaves them behind; the
 * next write of the same target removes those of processes no longer alive, and those of the project's earlier
 * naming ({@code .<target>.<random>[.tmp]}, checkpoints' {@code <target><random>.tmp}) not modified for
 * {@link #LEGACY_STALE}. A folder target whose temporary of a live writer is there is refused, naming the
 * folder, since two writers cannot both fill it.
 */
public final class AtomicTarget implements AutoCloseable {

    /** Age after which a temporary of the earlier naming (without a process id) counts as left behind. */
    public static final Duration LEGACY_STALE = Duration.ofMinutes(10);

    /** Temporaries this process is writing now (a second writer in the same process is also a live writer). */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final long PID = ProcessHandle.current().pid();

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
        LIVE.add(key(temp));
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static String prefix(Path target) {
        return "." + target.getFileName() + ".p" + PID + ".";
    }

    /** Creates {@code <parent>/<prefix><random><suffix>}, registered as live before it exists. */
    private static Path createTemp(Path parent, String prefix, String suffix, boolean folder) throws IOException {
        while (true) {
            Path p = key(parent.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + suffix));
            LIVE.add(p);
            try {
                return folder ? Files.createDirectory(p) : Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                LIVE.remove(p);
            } catch (IOException | RuntimeException e) {
                LIVE.remove(p);
                throw e;
            }
        }
    }

    /** A hidden temporary file in the target's folder. */
    public static AtomicTarget file(Path target) throws IOException {
        Path parent = requireParent(target);
        removeStale(parent, target);
        return new AtomicTarget(target, readable(createTemp(parent, prefix(target), ".tmp", false), "rw-r--r--"));
    }

    /** A hidden temporary folder beside the target; the target must be absent or an empty folder. */
    public static AtomicTarget folder(Path target) throws IOException {
        Path parent = requireParent(target);
        Optional<String> writer = removeStale(parent, target);
        if (writer.isPresent()) {
            throw new IOException(target + ": another writer (" + writer.get() + ") is writing this folder now;"
                    + " wait until it has finished or write to another folder");
        }
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
        return new AtomicTarget(target, readable(createTemp(parent, prefix(target), "", true), "rwxr-xr-x"));
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
        removeStale(parent, target);
        return new AtomicTarget(target, readable(createTemp(parent, prefix(target), "", true), "rwxr-xr-x"), true);
    }

    /**
     * Checks, changing nothing, that a file can be written to {@code target} (by {@link #file}, after the missing
     * folders above it are created): it is absent or a file, and its nearest existing folder is writable. For
     * outputs checked before any compute starts.
     *
     * @throws IllegalArgumentException naming the target and what is in the way
     */
    public static void checkFile(Path target) {
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + ": is a folder; give a file name");
        }
        checkCreatable(target);
    }

    /**
     * Checks, changing nothing, that {@link #folder} can write {@code target} (after the missing folders above it
     * are created): it is absent or an empty folder, and its nearest existing folder is writable.
     *
     * @throws IllegalArgumentException naming the target and what is in the way
     */
    public static void checkFolder(Path target) throws IOException {
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new IllegalArgumentException(target + ": exists and is not a folder; cannot write there");
            }
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(target + ": folder exists and is not empty; refusing to"
                            + " overwrite (give an empty or new folder)");
                }
            }
        }
        checkCreatable(target);
    }

    /**
     * Checks, changing nothing, that {@code target} can be created: the nearest folder above it that exists is a
     * writable folder (not a file).
     *
     * @throws IllegalArgumentException naming the target and the path in the way
     */
    public static void checkCreatable(Path target) {
        Path ancestor = target.toAbsolutePath().normalize().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            throw new IllegalArgumentException(target + ": cannot be created: no part of its folder exists");
        }
        if (!Files.isDirectory(ancestor)) {
            throw new IllegalArgumentException(target + ": cannot be created: " + ancestor + " is a file, not a"
                    + " folder");
        }
        if (!Files.isWritable(ancestor)) {
            throw new IllegalArgumentException(target + ": cannot be created: folder " + ancestor
                    + " is not writable");
        }
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
            Path old = createTemp(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".old.p" + PID + ".",
                    "", true);
            LIVE.remove(old);
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
            throw filledMeanwhile(e);
        } catch (FileSystemException e) {
            if (Files.isDirectory(target) && Files.isDirectory(temp)) {
                throw filledMeanwhile(e);
            }
            throw e;
        }
        committed = true;
    }

    private IOException filledMeanwhile(IOException cause) {
        return new IOException(target + ": another writer filled this folder while this one was writing; its"
                + " files are kept and this output is discarded", cause);
    }

    private static final Pattern OWN = Pattern.compile("\\.p(\\d+)\\.\\d+(\\.tmp)?");
    private static final Pattern LEGACY = Pattern.compile("\\.\\d+(\\.tmp)?");
    private static final Pattern ASIDE = Pattern.compile("\\.old\\.p(\\d+)\\.\\d+");

    /**
     * Removes the temporaries of {@code target} left behind by writers that are gone (see the class comment).
     *
     * @return a description of a live writer of {@code target} other than this one, if there is one
     */
    static Optional<String> removeStale(Path parent, Path target) throws IOException {
        String name = target.getFileName().toString();
        String hidden = "." + name;
        Instant legacyBefore = Instant.now().minus(LEGACY_STALE);
        List<Path> stale = new ArrayList<>();
        Optional<String> live = Optional.empty();
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String n = p.getFileName().toString();
                String rest;
                if (n.startsWith(hidden)) {
                    rest = n.substring(hidden.length());
                } else if (n.startsWith(name) && n.endsWith(".tmp") && Files.isRegularFile(p)) {
                    // Checkpoint's earlier naming: <target><random>.tmp
                    rest = "." + n.substring(name.length());
                } else {
                    continue;
                }
                Matcher own = OWN.matcher(rest);
                Matcher aside = ASIDE.matcher(rest);
                if (own.matches()) {
                    long pid = Long.parseLong(own.group(1));
                    boolean alive = pid == PID ? LIVE.contains(key(p))
                            : ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                    if (alive) {
                        live = Optional.of(pid == PID ? "in this process" : "process " + pid);
                    } else {
                        stale.add(p);
                    }
                } else if (aside.matches()) {
                    // a replaced folder moved aside; only once the target is back in place
                    long pid = Long.parseLong(aside.group(1));
                    if (pid != PID && Files.exists(target)
                            && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        stale.add(p);
                    }
                } else if (LEGACY.matcher(rest).matches()
                        && Files.getLastModifiedTime(p).compareTo(FileTime.from(legacyBefore)) < 0) {
                    stale.add(p);
                }
            }
        }
        for (Path p : stale) {
            AtomicFiles.deleteRecursively(p);
        }
        return live;
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
        LIVE.remove(key(temp));
        if (!committed) {
            AtomicFiles.deleteRecursively(temp);
        }
    }
}
