/**
 * The plugin's port objects and specs: Volumes ({@link org.emsym.knime.port.VolumePortObject}, stored in KNIME's
 * workflow format) and segmentation models ({@link org.emsym.knime.port.SegmentationModelPortObject}, a model
 * bundle or a bioimage.io package), the window a Volume was cut with and the one a model needs.
 *
 * <p>May import {@code interop}, {@code interop.bioimageio}, {@code knime.util}, {@code model}, {@code model.io},
 * {@code progress}, {@code util}, {@code volume}, {@code window}.
 */
package org.emsym.knime.port;
