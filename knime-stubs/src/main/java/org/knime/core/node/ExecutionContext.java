package org.knime.core.node;

import org.knime.core.data.DataTableSpec;

/**
 * Stand-in for KNIME's execution context handed to {@code NodeModel.execute}. Progress, cancellation and
 * data containers for output tables are modelled.
 */
public class ExecutionContext extends ExecutionMonitor {

    /** Created by the framework (in tests: {@code org.emsym.knime.standin.StandIn}), never by node code. */
    ExecutionContext(final NodeProgressMonitor progress) {
        this(progress, 0, 1);
    }

    private ExecutionContext(final NodeProgressMonitor progress, final double offset, final double span) {
        super(progress, offset, span);
    }

    /** A context that covers the next {@code maxProg} of this context's progress range. */
    /** A container for the rows of a new output table with the given structure. */
    public BufferedDataContainer createDataContainer(final DataTableSpec spec) {
        return new BufferedDataContainer(spec);
    }

    public ExecutionContext createSubExecutionContext(final double maxProg) {
        return new ExecutionContext(getProgressMonitor(), currentOffset(), span() * maxProg);
    }
}
