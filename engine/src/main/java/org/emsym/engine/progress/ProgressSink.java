package org.emsym.engine.progress;

/**
 * Receives progress of long work. The KNIME layer adapts it to an execution context, the CLI to a
 * progress bar. Implementations must be cheap: engines call it once per step or tile.
 */
@FunctionalInterface
public interface ProgressSink {

    /** A sink that ignores all reports. */
    ProgressSink NONE = (fraction, message) -> { };

    /**
     * @param fraction overall completion in [0, 1]
     * @param message short text for the user, e.g. "epoch 2/10, step 14/50"
     */
    void report(double fraction, String message);

    /**
     * A sink for a sub-task that covers {@code [from, to]} of this sink's range, so nested work
     * (one epoch of a training run) reports into its share of the overall bar.
     */
    default ProgressSink sub(double from, double to) {
        ProgressSink parent = this;
        return (fraction, message) -> parent.report(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
    }
}
