package org.knime.knip.base.data.img;

import java.util.Arrays;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;
import org.knime.core.data.filestore.FileStoreCell;
import org.knime.knip.base.data.IntervalValue;

import net.imagej.ImgPlus;
import net.imglib2.type.numeric.RealType;

/**
 * Stand-in for KNIME Image Processing's image cell, created by {@link ImgPlusCellFactory}. The stand-in holds
 * the image in memory (KNIP keeps it in a file store).
 */
public class ImgPlusCell<T extends RealType<T>> extends FileStoreCell
    implements StringValue, IntervalValue, ImgPlusValue<T> {

    private static final long serialVersionUID = 1L;

    public static DataType TYPE = DataType.getType(ImgPlusCell.class);

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
    public String getStringValue() {
        return "Image " + Arrays.toString(getDimensions());
    }

    @Override
    public String toString() {
        return getStringValue();
    }
}
