package org.emsym.engine.util;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch records autograd graphs per thread, and a new thread starts with recording on. DJL switches it off
 * only on the thread that loads the engine, and its gradient collector restores whatever mode it found. Work
 * on any other thread (KNIME executes nodes on pooled worker threads) would otherwise record every forward pass
 * (memory) and fail on the first in-place parameter update ("a leaf Variable that requires grad is being used
 * in an in-place operation"). Engine entry points that may run on such threads call
 * {@link #disableOnThisThread()} first.
 */
public final class GradMode {

    private static final String PYTORCH = "PyTorch";

    private GradMode() {
    }

    /** Switches gradient recording off for the calling thread; gradient collectors switch it on while open. */
    public static void disableOnThisThread() {
        if (PYTORCH.equals(Engine.getDefaultEngineName())) {
            Engine.getEngine(PYTORCH); // loads the native library before the first JNI call
            JniUtils.setGradMode(false);
        }
    }

    /** Whether the calling thread records gradients now (PyTorch only; false for other engines). */
    public static boolean isEnabledOnThisThread() {
        return PYTORCH.equals(Engine.getDefaultEngineName()) && Engine.getEngine(PYTORCH) != null
                && JniUtils.isGradMode();
    }
}
