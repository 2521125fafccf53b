package org.emsym.engine.synth;

import java.util.Objects;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;

/**
 * One generated stack and its ground truth, all of the same shape.
 *
 * @param image        the EM-like image, {@link PixelType#UINT8} grey values 0..255
 * @param membranes    {@link PixelType#UINT8} mask, 1 on cell membranes, 0 elsewhere
 * @param mitochondria {@link PixelType#UINT8} mask, 1 inside mitochondria, 0 elsewhere
 * @param cells        {@link PixelType#UINT16} cell instance ids 1..n on every voxel (membrane voxels
 *                     carry the id of the cell whose side of the boundary they lie on)
 */
public record SyntheticStack(ArrayVolume image, ArrayVolume membranes, ArrayVolume mitochondria, ArrayVolume cells) {

    public SyntheticStack {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(membranes, "membranes");
        Objects.requireNonNull(mitochondria, "mitochondria");
        Objects.requireNonNull(cells, "cells");
        for (ArrayVolume v : new ArrayVolume[] {membranes, mitochondria, cells}) {
            if (!v.shape().equals(image.shape())) {
                throw new IllegalArgumentException(
                        "ground truth " + v + " does not match the image shape " + image.shape());
            }
        }
    }
}
