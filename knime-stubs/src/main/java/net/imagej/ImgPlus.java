package net.imagej;

import net.imagej.axis.Axes;
import net.imagej.axis.AxisType;
import net.imagej.axis.CalibratedAxis;
import net.imagej.axis.DefaultLinearAxis;
import net.imagej.interval.AbstractCalibratedRealInterval;
import net.imglib2.Interval;
import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.ImgFactory;
import net.imglib2.img.WrappedImg;

/**
 * Stand-in for imagej-common's {@code ImgPlus}, the image type of KNIME Image Processing's cells (imagej-common is
 * not on Maven Central): an image with a name, a source and one {@link CalibratedAxis} per dimension, itself an
 * {@link Img} that delegates to the wrapped one. Without axes, the dimensions get imagej-common's defaults: X, Y,
 * then {@link Axes#unknown()} types, all uncalibrated (scale 1, no unit). Modelled: the constructors {@code (Img)},
 * {@code (Img, String)}, {@code (Img, String, CalibratedAxis...)}, the {@code Img} methods, name and source,
 * {@link #numDimensions()} and {@link #axis(int)}; the real class carries more metadata (color tables, channel
 * ranges). Supertypes and signatures are checked against imagej-common's source by knime-api-check.
 *
 * @param <T> the pixel type
 */
public class ImgPlus<T> extends AbstractCalibratedRealInterval<CalibratedAxis>
    implements Img<T>, WrappedImg<T>, ImgPlusMetadata {

    private final Img<T> m_img;

    private String m_name;

    private String m_source = "";

    public ImgPlus(final Img<T> img) {
        this(img, null);
    }

    public ImgPlus(final Img<T> img, final String name) {
        this(img, name, defaultAxes(img.numDimensions()));
    }

    /**
     * @throws IllegalArgumentException if the number of axes differs from the image's dimensionality (a stand-in
     *             check: imagej-common does not validate here)
     */
    public ImgPlus(final Img<T> img, final String name, final CalibratedAxis... axes) {
        super(img, axes);
        m_img = img;
        m_name = name;
    }

    private static CalibratedAxis[] defaultAxes(final int n) {
        CalibratedAxis[] axes = new CalibratedAxis[n];
        for (int d = 0; d < n; d++) {
            AxisType type = d == 0 ? Axes.X : d == 1 ? Axes.Y : Axes.unknown();
            axes[d] = new DefaultLinearAxis(type);
        }
        return axes;
    }

    @Override
    public Img<T> getImg() {
        return m_img;
    }

    @Override
    public RandomAccess<T> randomAccess() {
        return m_img.randomAccess();
    }

    @Override
    public RandomAccess<T> randomAccess(final Interval interval) {
        return m_img.randomAccess(interval);
    }

    @Override
    public long min(final int d) {
        return m_img.min(d);
    }

    @Override
    public long max(final int d) {
        return m_img.max(d);
    }

    @Override
    public double realMin(final int d) {
        return m_img.realMin(d);
    }

    @Override
    public double realMax(final int d) {
        return m_img.realMax(d);
    }

    @Override
    public ImgFactory<T> factory() {
        return m_img.factory();
    }

    @Override
    public ImgPlus<T> copy() {
        CalibratedAxis[] axes = new CalibratedAxis[numDimensions()];
        for (int d = 0; d < axes.length; d++) {
            axes[d] = axis(d);
        }
        ImgPlus<T> copy = new ImgPlus<>(m_img.copy(), m_name, axes);
        copy.setSource(m_source);
        return copy;
    }

    @Override
    public String getName() {
        return m_name;
    }

    @Override
    public void setName(final String name) {
        m_name = name;
    }

    @Override
    public String getSource() {
        return m_source;
    }

    @Override
    public void setSource(final String source) {
        m_source = source;
    }
}
