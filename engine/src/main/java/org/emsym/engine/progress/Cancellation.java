package org.emsym.engine.progress;

/**
 * Asked by long-running engine work at safe points (between steps, tiles or files). The KNIME layer
 * adapts an execution context's cancel check; the CLI adapts Ctrl-C.
 */
@FunctionalInterface
public interface Cancellation {

    /** Never cancels. */
    Cancellation NEVER = () -> false;

    boolean isCanceled();

    /** Throws {@link CanceledException} if cancellation was requested. */
    default void check() {
        if (isCanceled()) {
            throw new CanceledException();
        }
    }
}
