/**
 * The Segmentation Model Writer node: writes a model port's bundle to disk, atomically.
 *
 * <p>May import {@code knime.port}, {@code knime.util}, {@code model}.
 */
package org.emsym.knime.node.modelwriter;
