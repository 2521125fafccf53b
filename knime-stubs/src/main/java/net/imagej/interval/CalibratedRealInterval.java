package net.imagej.interval;

import net.imagej.axis.CalibratedAxis;
import net.imagej.space.CalibratedSpace;

/**
 * Stand-in for imagej-common's {@code net.imagej.interval.CalibratedRealInterval}.
 *
 * @param <A> the axis type
 */
public interface CalibratedRealInterval<A extends CalibratedAxis> extends TypedRealInterval<A>, CalibratedSpace<A> {
}
