/**
 * Reports for people: HTML pages with embedded images, tables, JFreeChart charts (training curves, attribution
 * history, share bars) and image panels (overlays, kernels, attribution maps). Part of the application module, so
 * the library and the KNIME bundle carry no chart library.
 *
 * <p>May import {@code attribution}, {@code model}, {@code util}.
 */
package org.emsym.engine.report;
