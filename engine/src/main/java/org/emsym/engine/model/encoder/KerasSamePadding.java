package org.emsym.engine.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * TensorFlow's 'same' padding for a strided convolution, which is asymmetric (the extra row and column
 * go bottom/right). Keras applications MobileNetV2 writes it as {@code ZeroPadding2D(correct_pad(x, k))}
 * before every stride-2 convolution: for an even input side that is (0, 1), for an odd one (1, 1).
 */
final class KerasSamePadding {

    private KerasSamePadding() {
    }

    /** Total padding of one side of length {@code size}. */
    static long total(long size, int kernel, int stride) {
        long out = (size + stride - 1) / stride;
        return Math.max((out - 1) * stride + kernel - size, 0);
    }

    /** Pads the last two axes of an NCHW array with zeros the way TensorFlow 'same' does. */
    static NDArray pad(NDArray x, int kernel, int stride) {
        Shape s = x.getShape();
        long padH = total(s.get(2), kernel, stride);
        long padW = total(s.get(3), kernel, stride);
        if (padH == 0 && padW == 0) {
            return x;
        }
        // order as torch.nn.functional.pad: last axis first, (left, right, top, bottom)
        return x.pad(new Shape(padW / 2, padW - padW / 2, padH / 2, padH - padH / 2), 0);
    }

    /** The NCHW shape {@link #pad} returns. */
    static Shape paddedShape(Shape s, int kernel, int stride) {
        return new Shape(s.get(0), s.get(1), s.get(2) + total(s.get(2), kernel, stride),
                s.get(3) + total(s.get(3), kernel, stride));
    }
}
