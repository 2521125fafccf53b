package org.emsym.knime.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.NodeProgressMonitor;

/**
 * A progress monitor that records every progress value and message a node reports, and can simulate the user
 * pressing cancel after a given number of progress reports.
 */
public final class RecordingProgressMonitor implements NodeProgressMonitor {

    private final List<Double> progress = Collections.synchronizedList(new ArrayList<>());
    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    private final int cancelAfterReports;
    private volatile boolean canceled;
    private volatile int cancelChecks;

    /** @param cancelAfterReports cancel once this many progress values were reported; negative: never */
    public RecordingProgressMonitor(int cancelAfterReports) {
        this.cancelAfterReports = cancelAfterReports;
        this.canceled = cancelAfterReports == 0;
    }

    @Override
    public void checkCanceled() throws CanceledExecutionException {
        cancelChecks++;
        if (canceled) {
            throw new CanceledExecutionException("Execution canceled");
        }
    }

    @Override
    public void setProgress(double value) {
        progress.add(value);
        if (cancelAfterReports > 0 && progress.size() >= cancelAfterReports) {
            canceled = true;
        }
    }

    @Override
    public void setProgress(double value, String message) {
        if (message != null) {
            messages.add(message);
        }
        setProgress(value);
    }

    @Override
    public void setMessage(String message) {
        messages.add(message);
    }

    @Override
    public Double getProgress() {
        synchronized (progress) {
            return progress.isEmpty() ? null : progress.get(progress.size() - 1);
        }
    }

    @Override
    public String getMessage() {
        synchronized (messages) {
            return messages.isEmpty() ? null : messages.get(messages.size() - 1);
        }
    }

    @Override
    public void setExecuteCanceled() {
        canceled = true;
    }

    @Override
    public void reset() {
        progress.clear();
        messages.clear();
        canceled = false;
    }

    /** Every progress value reported, in order. */
    public List<Double> progressValues() {
        synchronized (progress) {
            return List.copyOf(progress);
        }
    }

    public List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** How often the node asked whether it was canceled. */
    public int cancelChecks() {
        return cancelChecks;
    }
}
