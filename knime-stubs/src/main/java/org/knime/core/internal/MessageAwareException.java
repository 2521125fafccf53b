package org.knime.core.internal;

/** Stand-in for KNIME's marker of exceptions that carry a user-facing message (members not modelled). */
public interface MessageAwareException {
}
