package net.imagej.space;

import net.imagej.axis.CalibratedAxis;

/**
 * Stand-in for imagej-common's {@code net.imagej.space.CalibratedSpace}; declares none of its own members.
 *
 * @param <A> the axis type
 */
public interface CalibratedSpace<A extends CalibratedAxis> extends TypedSpace<A> {
}
