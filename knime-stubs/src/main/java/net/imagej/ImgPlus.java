package net.imagej;

import java.util.Objects;

import net.imglib2.img.Img;

/**
 * Stand-in for imagej-common's {@code ImgPlus}, the image type of KNIME Image Processing's cells (imagej-common is
 * not on Maven Central). Only the wrapped image and its name are modelled; the real class also implements
 * {@code Img} and carries axis types and calibration.
 */
public class ImgPlus<T> {

    private final Img<T> m_img;

    private final String m_name;

    public ImgPlus(final Img<T> img) {
        this(img, null);
    }

    public ImgPlus(final Img<T> img, final String name) {
        m_img = Objects.requireNonNull(img, "img");
        m_name = name;
    }

    public Img<T> getImg() {
        return m_img;
    }

    public String getName() {
        return m_name;
    }
}
