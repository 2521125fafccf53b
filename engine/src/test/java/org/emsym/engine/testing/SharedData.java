package org.emsym.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's shared data folder for tests: system property {@code emsym.shared} if set, else
 * {@code ../shared} beside the repository root (the folder holding {@code .git}). Tests that need it skip
 * when it is absent; its data is never copied into the repository.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Optional<Path> folder() {
        String property = System.getProperty("emsym.shared");
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                Path shared = dir.resolveSibling("shared");
                return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The real ISBI 2012 sections ({@code data/isbi2012} with {@code image/} and {@code label/}), if present. */
    public static Optional<Path> isbi() {
        return folder().map(s -> s.resolve("data").resolve("isbi2012"))
                .filter(p -> Files.isDirectory(p.resolve("image")) && Files.isDirectory(p.resolve("label")));
    }
}
