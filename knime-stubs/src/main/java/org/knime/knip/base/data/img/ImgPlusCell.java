package org.knime.knip.base.data.img;

import java.util.Arrays;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

import net.imagej.ImgPlus;
import net.imglib2.type.numeric.RealType;

/**
 * Stand-in for KNIME Image Processing's image cell, created by {@link ImgPlusCellFactory}. The stand-in holds
 * the image in memory (KNIP keeps it in a file store).
 */
public class ImgPlusCell<T extends RealType<T>> extends DataCell implements ImgPlusValue<T> {

    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(ImgPlusCell.class);

    private final transient ImgPlus<T> m_img;

    ImgPlusCell(final ImgPlus<T> img) {
        m_img = img;
    }

    @Override
    public long[] getDimensions() {
        return m_img.getImg().dimensionsAsLongArray();
    }

    @Override
    public ImgPlus<T> getImgPlus() {
        return m_img;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((ImgPlusCell<?>)dc).m_img == m_img;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(m_img);
    }

    @Override
    public String toString() {
        return "Image " + Arrays.toString(getDimensions());
    }
}
