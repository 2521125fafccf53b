package org.emsym.engine.volume.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's shared data folder: system property {@code emsym.shared} if set, else
 * {@code ../shared} beside the repository root (found by walking up to the folder that holds {@code .git}).
 */
final class SharedData {

    private SharedData() {
    }

    static Optional<Path> folder() {
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
}
