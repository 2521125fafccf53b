/**
 * 2.5D windows: a {@link org.emsym.engine.window.StackWindower} gives, for each centre section z, the channels z-k
 * ... z+k (k = the window's context), completed at the stack ends by a
 * {@link org.emsym.engine.window.BoundaryMode}; seeded patch sampling for training, and tiling with blending for
 * prediction.
 *
 * <p>May import {@code util}, {@code volume}.
 */
package org.emsym.engine.window;
