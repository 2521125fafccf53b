/**
 * The Attribution Scorer node: per-section attribution shares of a segmentation model on an image Volume, with
 * intervals, as a table and attribution-map Volume.
 *
 * <p>May import {@code attribution}, {@code knime.port}, {@code knime.util}, {@code model}, {@code util},
 * {@code volume}, {@code window}.
 */
package org.emsym.knime.node.attribution;
