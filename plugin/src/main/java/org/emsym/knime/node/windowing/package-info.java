/**
 * The Stack Windowing node: records the 2.5D window (context k, boundary mode) on a Volume and summarizes it.
 *
 * <p>May import {@code knime.port}, {@code knime.util}, {@code window}.
 */
package org.emsym.knime.node.windowing;
