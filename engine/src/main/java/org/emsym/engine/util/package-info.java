/**
 * Small mechanisms with one home each: atomic temp-then-move writes ({@link org.emsym.engine.util.AtomicTarget},
 * {@link org.emsym.engine.util.AtomicFiles}), file checksums, the engine lock, gradient mode, the mirrored index
 * and the separable Gaussian blur.
 *
 * <p>May import {@code progress}.
 */
package org.emsym.engine.util;
