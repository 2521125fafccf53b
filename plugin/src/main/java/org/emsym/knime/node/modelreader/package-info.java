/**
 * The Segmentation Model Reader node: reads a model bundle or a bioimage.io package from disk into a model port (a
 * package that carries an EMSym bundle as that bundle).
 *
 * <p>May import {@code interop.bioimageio}, {@code knime.port}, {@code knime.util}, {@code model}.
 */
package org.emsym.knime.node.modelreader;
