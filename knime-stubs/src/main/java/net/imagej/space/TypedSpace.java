package net.imagej.space;

import net.imagej.axis.TypedAxis;

/**
 * Stand-in for imagej-common's {@code net.imagej.space.TypedSpace}; declares none of its own members.
 *
 * @param <A> the axis type
 */
public interface TypedSpace<A extends TypedAxis> extends AnnotatedSpace<A> {
}
