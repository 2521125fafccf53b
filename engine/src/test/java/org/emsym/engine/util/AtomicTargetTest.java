package org.emsym.engine.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicTargetTest {

    @TempDir
    Path dir;

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    /** Older than {@code AtomicTarget.LEGACY_STALE}. */
    private Path old(Path p) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(3600)));
        return p;
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void tempsLeftByKilledWritersAreRemovedByTheNextWrite() throws Exception {
        long dead = deadPid();
        // what a killed run left: a checkpoint temp (earlier naming), bundle temp folders (earlier and current naming)
        old(Files.write(dir.resolve("last.ckpt1234567.tmp"), new byte[100]));
        Path legacyFolder = Files.createDirectory(dir.resolve(".model.98765"));
        Files.write(legacyFolder.resolve("model.params"), new byte[100]);
        old(legacyFolder);
        Path deadFolder = Files.createDirectory(dir.resolve(".model.p" + dead + ".4242"));
        Files.write(deadFolder.resolve("model.json"), new byte[10]);
        Files.write(dir.resolve(".last.ckpt.p" + dead + ".77.tmp"), new byte[10]);
        // not the project's temps, or maybe a live writer's: kept
        Files.write(dir.resolve("notes.tmp"), new byte[1]);
        Files.write(dir.resolve(".model.backup"), new byte[1]);
        Files.write(dir.resolve("last.ckpt"), new byte[1]);
        Files.createDirectory(dir.resolve(".model.555"));

        AtomicFiles.write(dir.resolve("last.ckpt"), new byte[] {1});
        try (AtomicTarget t = AtomicTarget.replacingFolder(dir.resolve("model"))) {
            Files.write(t.temp().resolve("model.json"), new byte[1]);
            t.commit();
        }
        assertEquals(new TreeSet<>(Set.of("last.ckpt", "model", "notes.tmp", ".model.backup", ".model.555")), names());
    }

    @Test
    void aSecondWriterOfAFolderIsToldAnotherWriterIsWritingIt() throws Exception {
        Path target = dir.resolve("pngs");
        try (AtomicTarget first = AtomicTarget.folder(target)) {
            IOException e = assertThrows(IOException.class, () -> AtomicTarget.folder(target));
            assertTrue(e.getMessage().startsWith(target + ": another writer"), e::getMessage);
            assertFalse(e.getMessage().contains(".pngs."), e::getMessage);
            Files.write(first.temp().resolve("0000.png"), new byte[1]);
            first.commit();
        }
        assertEquals(Set.of("pngs"), names());
    }

    @Test
    void aFolderFilledByAnotherWriterMeanwhileIsNamedInTheMessage() throws Exception {
        Path target = dir.resolve("pngs");
        try (AtomicTarget t = AtomicTarget.folder(target)) {
            Files.write(t.temp().resolve("0000.png"), new byte[1]);
            Files.createDirectory(target);
            Files.write(target.resolve("0000.png"), new byte[2]);
            IOException e = assertThrows(IOException.class, t::commit);
            assertTrue(e.getMessage().startsWith(target + ": another writer filled this folder"), e::getMessage);
            assertFalse(e.getMessage().contains(".pngs."), e::getMessage);
        }
        assertEquals(Set.of("pngs"), names());
        assertEquals(2, Files.size(target.resolve("0000.png")));
    }
}
