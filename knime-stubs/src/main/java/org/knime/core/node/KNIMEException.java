package org.knime.core.node;

import org.knime.core.internal.MessageAwareException;

/** Stand-in for KNIME's checked exception whose message is shown on the node when it fails to execute. */
public final class KNIMEException extends Exception implements MessageAwareException {

    private static final long serialVersionUID = 1L;

    public KNIMEException(final String message, final Throwable cause) {
        super(message, cause);
    }

    public KNIMEException(final String message) {
        super(message);
    }
}
