package org.emsym.knime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.emsym.knime.standin.StandIn;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.InvalidSettingsException;

class KnimePathsTest {

    @TempDir
    Path dir;

    @AfterEach
    void noWorkflow() {
        StandIn.setWorkflowFolder(null);
    }

    @Test
    void plainPathsAndFileUrls() throws Exception {
        assertEquals(Path.of("/data/stack.tif"), KnimePaths.resolve(" /data/stack.tif ", "Image"));
        assertEquals(dir.resolve("a b.tif"), KnimePaths.resolve(dir.resolve("a b.tif").toUri().toString(), "Image"));
    }

    @Test
    void workflowRelativeUrlsResolveAgainstTheRunningWorkflow() throws Exception {
        Path workflow = dir.resolve("workflows/01-train");
        StandIn.setWorkflowFolder(workflow);
        assertEquals(dir.resolve("test-data/synthetic small/image.tif"),
                KnimePaths.resolve("knime://knime.workflow/../../test-data/synthetic small/image.tif", "Image"));
    }

    @Test
    void errorsNameTheSetting() {
        InvalidSettingsException empty = assertThrows(InvalidSettingsException.class,
                () -> KnimePaths.resolve(" ", "Model folder"));
        assertTrue(empty.getMessage().startsWith("Model folder"), empty.getMessage());
        InvalidSettingsException noWorkflow = assertThrows(InvalidSettingsException.class,
                () -> KnimePaths.resolve("knime://knime.workflow/x.tif", "Image"));
        assertTrue(noWorkflow.getMessage().startsWith("Image") && noWorkflow.getMessage().contains("x.tif"),
                noWorkflow.getMessage());
    }
}
