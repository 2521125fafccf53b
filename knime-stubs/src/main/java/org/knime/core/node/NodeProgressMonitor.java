package org.knime.core.node;

/** Stand-in for KNIME's progress monitor of one node: progress, message and the cancel flag. */
public interface NodeProgressMonitor {

    void checkCanceled() throws CanceledExecutionException;

    void setProgress(double progress);

    void setProgress(double progress, String message);

    void setMessage(String message);

    /** Current progress in [0, 1], or null if none was reported. */
    Double getProgress();

    String getMessage();

    /** Requests cancellation; the next {@link #checkCanceled()} throws. */
    void setExecuteCanceled();

    void reset();
}
