package org.knime.knip.base.data.img;

import java.io.IOException;

import org.knime.core.node.ExecutionContext;
import org.knime.knip.base.data.KNIPCellFactory;

import net.imagej.ImgPlus;
import net.imglib2.type.numeric.RealType;

/** Stand-in for KNIME Image Processing's factory of image cells. */
public final class ImgPlusCellFactory extends KNIPCellFactory {

    public ImgPlusCellFactory(final ExecutionContext exec) {
        super(exec);
    }

    public final <T extends RealType<T>> ImgPlusCell<T> createCell(final ImgPlus<T> imgPlus) throws IOException {
        return new ImgPlusCell<>(imgPlus);
    }
}
