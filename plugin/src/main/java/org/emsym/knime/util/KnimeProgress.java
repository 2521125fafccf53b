package org.emsym.knime.util;

import org.emsym.engine.progress.CanceledException;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/** Adapts a KNIME execution monitor to the engine's progress and cancellation interfaces. */
public final class KnimeProgress {

    private KnimeProgress() {
    }

    /** Forwards engine progress reports to {@code exec}'s progress bar and message. */
    public static ProgressSink sink(ExecutionMonitor exec) {
        return exec::setProgress;
    }

    /** Answers the engine's cancel checks from {@code exec}'s cancel flag. */
    public static Cancellation cancellation(ExecutionMonitor exec) {
        return () -> {
            try {
                exec.checkCanceled();
                return false;
            } catch (CanceledExecutionException e) {
                return true;
            }
        };
    }

    /** Runs engine work, turning the engine's cancellation into KNIME's. */
    public static <T> T run(EngineWork<T> work) throws Exception {
        try {
            return work.call();
        } catch (CanceledException e) {
            throw new CanceledExecutionException(e.getMessage());
        }
    }

    /** A piece of engine work that may throw checked exceptions and the engine's {@link CanceledException}. */
    @FunctionalInterface
    public interface EngineWork<T> {
        T call() throws Exception;
    }
}
