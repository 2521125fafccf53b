package org.emsym.engine.progress;

/** Thrown at a safe point after the user asked to cancel; work done before that point stays valid. */
public class CanceledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CanceledException() {
        super("canceled by user");
    }
}
