package org.knime.knip.base.data.img;

import org.knime.core.data.DataValue;

import net.imagej.ImgPlus;
import net.imglib2.type.numeric.RealType;

/** Stand-in for KNIME Image Processing's value interface of image cells (the methods the adapters use). */
public interface ImgPlusValue<T extends RealType<T>> extends DataValue {

    long[] getDimensions();

    ImgPlus<T> getImgPlus();
}
