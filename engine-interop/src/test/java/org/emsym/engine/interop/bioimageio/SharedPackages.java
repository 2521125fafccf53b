package org.emsym.engine.interop.bioimageio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bioimage.io material in the shared data folder ({@code ../shared/bioimageio} beside the repository root,
 * or system property {@code emsym.shared}), as the engine's tests find {@code ../shared}. Tests skip when absent.
 */
final class SharedPackages {

    private SharedPackages() {
    }

    static Path folder() {
        String property = System.getProperty("emsym.shared");
        Path shared = null;
        if (property != null && !property.isBlank()) {
            shared = Path.of(property);
        } else {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.exists(dir.resolve(".git"))) {
                    shared = dir.resolveSibling("shared");
                    break;
                }
            }
        }
        Path bioimageio = shared == null ? null : shared.resolve("bioimageio");
        assumeTrue(bioimageio != null && Files.isDirectory(bioimageio), "../shared/bioimageio is absent");
        return bioimageio;
    }

    /** The published example package {@code unet2d_nuclei_broad}. */
    static Path unet2dNucleiBroad() {
        Path p = folder().resolve("unet2d_nuclei_broad");
        assumeTrue(Files.isRegularFile(p.resolve("bioimageio.yaml")), p + " is absent");
        return p;
    }

    /** The spec's JSON Schema of all resource descriptions. */
    static Path schema() {
        Path p = folder().resolve("bioimageio_schema.json");
        assumeTrue(Files.isRegularFile(p), p + " is absent");
        return p;
    }
}
