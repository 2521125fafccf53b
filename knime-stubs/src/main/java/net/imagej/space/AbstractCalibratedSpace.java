package net.imagej.space;

import net.imagej.axis.CalibratedAxis;

/**
 * Stand-in for imagej-common's {@code net.imagej.space.AbstractCalibratedSpace}.
 *
 * @param <A> the axis type
 */
public abstract class AbstractCalibratedSpace<A extends CalibratedAxis> extends AbstractTypedSpace<A>
    implements CalibratedSpace<A> {

    @SuppressWarnings("unchecked")
    public AbstractCalibratedSpace(final A... axes) {
        super(axes);
    }
}
