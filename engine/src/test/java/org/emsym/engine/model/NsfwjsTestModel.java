package org.emsym.engine.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real pretrained MobileNetV2 of npm nsfwjs@4.4.0 that the engine build unpacks (see
 * engine/src/build/fetch-nsfwjs.cjs); tests that need it skip with a message when it is absent.
 */
public final class NsfwjsTestModel {

    private NsfwjsTestModel() {
    }

    /** The converted {@code model.json}, or a skipped test. */
    public static Path modelJson() {
        String dir = System.getProperty("emsym.nsfwjs.dir", "target/nsfwjs");
        Path modelJson = Path.of(dir, "model.json");
        assumeTrue(Files.isRegularFile(modelJson), "nsfwjs@4.4.0 MobileNetV2 not found at " + modelJson.toAbsolutePath()
                + " (the Maven build fetches it with npm in generate-test-resources; was npm unreachable?)");
        return modelJson;
    }
}
