/**
 * The Segmentation Model Writer node: writes a model port's bundle, or a bioimage.io package of it, to disk,
 * atomically.
 *
 * <p>May import {@code interop.bioimageio}, {@code knime.port}, {@code knime.util}, {@code model}, {@code util}.
 */
package org.emsym.knime.node.modelwriter;
