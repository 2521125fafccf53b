package net.imagej.space;

import java.util.Arrays;
import java.util.List;

import net.imagej.axis.Axis;

/**
 * Stand-in for imagej-common's {@code net.imagej.space.AbstractAnnotatedSpace}: holds the axes.
 *
 * @param <A> the axis type
 */
public abstract class AbstractAnnotatedSpace<A extends Axis> implements AnnotatedSpace<A> {

    private final List<A> m_axes;

    @SuppressWarnings("unchecked")
    public AbstractAnnotatedSpace(final A... axes) {
        m_axes = List.copyOf(Arrays.asList(axes));
    }

    @Override
    public A axis(final int d) {
        return m_axes.get(d);
    }

    @Override
    public int numDimensions() {
        return m_axes.size();
    }
}
