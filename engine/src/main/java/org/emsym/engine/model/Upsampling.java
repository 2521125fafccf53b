package org.emsym.engine.model;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;

/**
 * How the U-Net decoder enlarges feature maps. DJL's PyTorch engine has no {@code Conv2dTranspose}, so the
 * decoder upsamples with a fixed interpolation followed by a learned 3x3 convolution. Both modes run through
 * {@code torch.nn.functional.interpolate} (align_corners = false), which is differentiable.
 */
public enum Upsampling {
    NEAREST(Image.Interpolation.NEAREST),
    BILINEAR(Image.Interpolation.BILINEAR);

    private final Image.Interpolation interpolation;

    Upsampling(Image.Interpolation interpolation) {
        this.interpolation = interpolation;
    }

    /** Resizes an (N, C, H, W) array to (N, C, height, width). */
    public NDArray resize(NDArray x, long height, long width) {
        return x.getNDArrayInternal().interpolation(new long[] {height, width}, interpolation.ordinal(), false);
    }
}
