package org.knime.core.internal;

/** Stand-in for KNIME's interface of exceptions with a user-facing message; the stand-in declares none of its members. */
public interface MessageAwareException {
}
