package org.knime.core.util;

import java.nio.file.Path;

/**
 * Test-only bridge that plays KNIME's node context for the stand-in's {@link FileUtil}: while a workflow runs,
 * {@code knime://knime.workflow/} URLs resolve against its folder.
 */
public final class WorkflowContextBridge {

    private WorkflowContextBridge() {
    }

    /** Sets the running workflow's folder ({@code null}: no workflow runs). */
    public static void setWorkflowFolder(final Path folder) {
        FileUtil.workflowFolder = folder == null ? null : folder.toAbsolutePath().normalize();
    }
}
