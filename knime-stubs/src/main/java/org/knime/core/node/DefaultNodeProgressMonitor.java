package org.knime.core.node;

/** Stand-in for KNIME's default progress monitor: keeps the last progress and message and a cancel flag. */
public class DefaultNodeProgressMonitor implements NodeProgressMonitor {

    private volatile Double m_progress;

    private volatile String m_message;

    private volatile boolean m_canceled;

    public DefaultNodeProgressMonitor() {
    }

    @Override
    public void checkCanceled() throws CanceledExecutionException {
        if (m_canceled) {
            throw new CanceledExecutionException("Execution canceled");
        }
    }

    @Override
    public void setProgress(final double progress) {
        m_progress = progress;
    }

    @Override
    public void setProgress(final double progress, final String message) {
        m_progress = progress;
        m_message = message;
    }

    @Override
    public void setMessage(final String message) {
        m_message = message;
    }

    @Override
    public Double getProgress() {
        return m_progress;
    }

    @Override
    public String getMessage() {
        return m_message;
    }

    @Override
    public void setExecuteCanceled() {
        m_canceled = true;
    }

    @Override
    public void reset() {
        m_progress = null;
        m_message = null;
        m_canceled = false;
    }
}
