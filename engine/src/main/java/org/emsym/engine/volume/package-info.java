/**
 * Volumes: a {@link org.emsym.engine.volume.Volume} is a (z, y, x) stack of grayscale sections of a
 * {@link org.emsym.engine.volume.PixelType}, read slab by slab; views over volumes
 * ({@link org.emsym.engine.volume.ForwardingVolume} and its subclasses: normalized, finite-checked), binary labels,
 * and the one input-normalization rule ({@link org.emsym.engine.volume.Normalizer},
 * {@link org.emsym.engine.volume.NormalizationSpec}).
 *
 * <p>May import nothing else of EMSym.
 */
package org.emsym.engine.volume;
