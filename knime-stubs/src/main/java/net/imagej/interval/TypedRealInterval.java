package net.imagej.interval;

import net.imagej.axis.TypedAxis;
import net.imagej.space.TypedSpace;
import net.imglib2.RealInterval;

/**
 * Stand-in for imagej-common's {@code net.imagej.interval.TypedRealInterval}.
 *
 * @param <A> the axis type
 */
public interface TypedRealInterval<A extends TypedAxis> extends RealInterval, TypedSpace<A> {
}
