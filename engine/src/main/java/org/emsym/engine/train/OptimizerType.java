package org.emsym.engine.train;

/** How weight decay enters an Adam update. */
public enum OptimizerType {
    /** Adam with L2 regularization: {@code weightDecay * w} is added to the gradient before the moments. */
    ADAM,
    /** AdamW (Loshchilov and Hutter): the weight is shrunk by {@code lr * weightDecay} apart from the moments. */
    ADAMW
}
