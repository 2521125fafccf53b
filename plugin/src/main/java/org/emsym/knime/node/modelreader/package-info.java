/**
 * The Segmentation Model Reader node: reads a model bundle from disk into a model port.
 *
 * <p>May import {@code knime.port}, {@code knime.util}, {@code model}.
 */
package org.emsym.knime.node.modelreader;
