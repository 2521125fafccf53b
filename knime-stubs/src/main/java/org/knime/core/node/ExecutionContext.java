package org.knime.core.node;

/**
 * Stand-in for KNIME's execution context handed to {@code NodeModel.execute}. Only progress and cancellation
 * are modelled; table and file store creation are added when a node needs them.
 */
public class ExecutionContext extends ExecutionMonitor {

    /** Created by the framework (in tests: the harness bridge), never by node code. */
    ExecutionContext(final NodeProgressMonitor progress) {
        this(progress, 0, 1);
    }

    private ExecutionContext(final NodeProgressMonitor progress, final double offset, final double span) {
        super(progress, offset, span);
    }

    /** A context that covers the next {@code maxProg} of this context's progress range. */
    public ExecutionContext createSubExecutionContext(final double maxProg) {
        return new ExecutionContext(getProgressMonitor(), currentOffset(), span() * maxProg);
    }
}
