package net.imagej.space;

import net.imagej.axis.TypedAxis;

/**
 * Stand-in for imagej-common's {@code net.imagej.space.AbstractTypedSpace}.
 *
 * @param <A> the axis type
 */
public abstract class AbstractTypedSpace<A extends TypedAxis> extends AbstractAnnotatedSpace<A>
    implements TypedSpace<A> {

    @SuppressWarnings("unchecked")
    public AbstractTypedSpace(final A... axes) {
        super(axes);
    }
}
