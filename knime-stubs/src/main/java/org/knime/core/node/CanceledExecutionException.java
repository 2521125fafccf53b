package org.knime.core.node;

import org.knime.core.internal.MessageAwareException;

/** Stand-in for KNIME's exception thrown when the user cancels a running node. */
public class CanceledExecutionException extends Exception implements MessageAwareException {

    private static final long serialVersionUID = 1L;

    public CanceledExecutionException() {
        super();
    }

    public CanceledExecutionException(final String message) {
        super(message);
    }
}
