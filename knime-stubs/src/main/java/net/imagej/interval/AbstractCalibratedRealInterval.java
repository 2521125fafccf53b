package net.imagej.interval;

import net.imagej.axis.CalibratedAxis;
import net.imagej.space.AbstractCalibratedSpace;
import net.imglib2.RealInterval;

/**
 * Stand-in for imagej-common's {@code net.imagej.interval.AbstractCalibratedRealInterval}: the axes and the real
 * bounds of an interval.
 *
 * @param <A> the axis type
 */
public abstract class AbstractCalibratedRealInterval<A extends CalibratedAxis> extends AbstractCalibratedSpace<A>
    implements CalibratedRealInterval<A> {

    private final double[] m_min;

    private final double[] m_max;

    @SuppressWarnings("unchecked")
    public AbstractCalibratedRealInterval(final RealInterval interval, final A... axes) {
        super(axes);
        if (interval.numDimensions() != axes.length) {
            throw new IllegalArgumentException(
                    axes.length + " axes for an interval of " + interval.numDimensions() + " dimensions");
        }
        m_min = new double[axes.length];
        m_max = new double[axes.length];
        for (int d = 0; d < axes.length; d++) {
            m_min[d] = interval.realMin(d);
            m_max[d] = interval.realMax(d);
        }
    }

    @Override
    public double realMin(final int d) {
        return m_min[d];
    }

    @Override
    public double realMax(final int d) {
        return m_max[d];
    }
}
