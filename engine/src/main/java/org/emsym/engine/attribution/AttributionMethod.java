package org.emsym.engine.attribution;

/** How input attribution is computed from gradients of the target score. */
public enum AttributionMethod {
    /** |d target / d input|. */
    SALIENCY,
    /** d target / d input multiplied by the input. */
    GRADIENT_X_INPUT,
    /** Path integral of the gradient from a baseline to the input, times (input - baseline). */
    INTEGRATED_GRADIENTS
}
