package net.imagej.space;

import net.imagej.axis.Axis;
import net.imglib2.EuclideanSpace;

/**
 * Stand-in for imagej-common's {@code net.imagej.space.AnnotatedSpace}: a space with one axis per dimension.
 *
 * @param <A> the axis type
 */
public interface AnnotatedSpace<A extends Axis> extends EuclideanSpace {

    /** Gets the axis associated with the given dimension of the space. */
    A axis(int d);
}
