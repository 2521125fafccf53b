package org.emsym.engine.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import org.emsym.engine.progress.Cancellation;

/**
 * Turns the first Ctrl-C (SIGINT) into a cancellation request that long work sees at its next safe point,
 * so a training run stops cleanly with its last checkpoint intact. A second Ctrl-C exits at once.
 */
public final class InterruptCancellation implements Cancellation {

    private final AtomicBoolean requested = new AtomicBoolean();

    /** Installs the SIGINT handler; where signals cannot be handled, Ctrl-C keeps its default effect. */
    public static InterruptCancellation install() {
        InterruptCancellation c = new InterruptCancellation();
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                if (c.requested.getAndSet(true)) {
                    Runtime.getRuntime().halt(130);
                }
                System.err.println("\nstopping at the next safe point (Ctrl-C again to abort now)");
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // no signal support on this JVM or platform: default Ctrl-C behaviour
        }
        return c;
    }

    public void request() {
        requested.set(true);
    }

    @Override
    public boolean isCanceled() {
        return requested.get();
    }
}
