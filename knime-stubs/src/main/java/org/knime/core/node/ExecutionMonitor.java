package org.knime.core.node;

/**
 * Stand-in for KNIME's execution monitor: reports progress and answers cancel requests. Sub-monitors map
 * their [0, 1] progress onto a fraction of the parent's range, as in KNIME.
 */
public class ExecutionMonitor {

    private final NodeProgressMonitor m_progress;

    private final double m_offset;

    private final double m_span;

    public ExecutionMonitor() {
        this(new DefaultNodeProgressMonitor());
    }

    public ExecutionMonitor(final NodeProgressMonitor progress) {
        this(progress, 0, 1);
    }

    ExecutionMonitor(final NodeProgressMonitor progress, final double offset, final double span) {
        m_progress = progress;
        m_offset = offset;
        m_span = span;
    }

    public final NodeProgressMonitor getProgressMonitor() {
        return m_progress;
    }

    public void checkCanceled() throws CanceledExecutionException {
        m_progress.checkCanceled();
    }

    public void setProgress(final double progress) {
        m_progress.setProgress(map(progress));
    }

    public void setProgress(final double progress, final String message) {
        m_progress.setProgress(map(progress), message);
    }

    public void setMessage(final String message) {
        m_progress.setMessage(message);
    }

    /** A monitor that covers the next {@code maxProg} of this monitor's range. */
    public ExecutionMonitor createSubProgress(final double maxProg) {
        return new ExecutionMonitor(m_progress, currentOffset(), m_span * maxProg);
    }

    double currentOffset() {
        Double p = m_progress.getProgress();
        return p == null ? m_offset : Math.max(m_offset, p);
    }

    double span() {
        return m_span;
    }

    private double map(final double progress) {
        return m_offset + m_span * Math.max(0, Math.min(1, progress));
    }
}
