package org.emsym.knime.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's shared folder (data and KNIME schemas kept outside the repository): the system property
 * {@code emsym.shared} if set, else {@code ../shared} beside the repository root (the folder holding {@code .git}).
 * Tests that need it skip when it is absent.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Optional<Path> root() {
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

    /** A file or folder inside the shared folder, if both exist. */
    public static Optional<Path> resolve(String relative) {
        return root().map(r -> r.resolve(relative)).filter(Files::exists);
    }
}
