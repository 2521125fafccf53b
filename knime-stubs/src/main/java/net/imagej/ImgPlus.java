package net.imagej;

import java.util.Objects;

import net.imagej.axis.Axes;
import net.imagej.axis.AxisType;
import net.imagej.axis.CalibratedAxis;
import net.imagej.axis.DefaultLinearAxis;
import net.imglib2.img.Img;

/**
 * Stand-in for imagej-common's {@code ImgPlus}, the image type of KNIME Image Processing's cells (imagej-common is
 * not on Maven Central): an image with a name and one {@link CalibratedAxis} per dimension. Without axes, the
 * dimensions get imagej-common's defaults: X, Y, then {@link Axes#unknown()} types, all uncalibrated (scale 1, no
 * unit). Modelled: the constructors {@code (Img)}, {@code (Img, String)}, {@code (Img, String, CalibratedAxis...)},
 * {@link #getImg()}, {@link #getName()}, {@link #numDimensions()} and {@link #axis(int)}. The real class also
 * implements {@code Img} itself and carries more metadata (source, color tables, channel ranges). Signatures
 * checked against imagej-common's source ({@code net/imagej/ImgPlus.java}; {@code axis(int)} and
 * {@code numDimensions()} come from {@code net.imagej.space.AnnotatedSpace} there).
 */
public class ImgPlus<T> {

    private final Img<T> m_img;

    private final String m_name;

    private final CalibratedAxis[] m_axes;

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
        m_img = Objects.requireNonNull(img, "img");
        if (axes.length != img.numDimensions()) {
            throw new IllegalArgumentException(
                    axes.length + " axes for an image of " + img.numDimensions() + " dimensions");
        }
        m_name = name;
        m_axes = axes.clone();
    }

    private static CalibratedAxis[] defaultAxes(final int n) {
        CalibratedAxis[] axes = new CalibratedAxis[n];
        for (int d = 0; d < n; d++) {
            AxisType type = d == 0 ? Axes.X : d == 1 ? Axes.Y : Axes.unknown();
            axes[d] = new DefaultLinearAxis(type);
        }
        return axes;
    }

    public Img<T> getImg() {
        return m_img;
    }

    public String getName() {
        return m_name;
    }

    public int numDimensions() {
        return m_axes.length;
    }

    /** The axis of dimension {@code d}. */
    public CalibratedAxis axis(final int d) {
        return m_axes[d];
    }
}
