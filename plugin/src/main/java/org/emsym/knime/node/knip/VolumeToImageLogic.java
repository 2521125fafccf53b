package org.emsym.knime.node.knip;

import java.util.function.Consumer;
import java.io.IOException;

import org.emsym.engine.volume.Volume;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.util.KnimeProgress;
import org.emsym.knime.util.Tables;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;

import net.imagej.ImgPlus;
import net.imglib2.type.numeric.RealType;

/**
 * Puts a Volume into a KNIME Image Processing image column: a table of one row whose image has axes X, Y, Z,
 * calibrated with the volume's voxel size, and the volume's pixel type (uint8, uint16, else float32), so KNIP's
 * viewers and nodes can use it.
 */
final class VolumeToImageLogic implements NodeLogic<VolumeToImageParameters> {


    private static DataTableSpec tableSpec(VolumeToImageParameters settings) {
        return Tables.spec(Tables.column(settings.column.trim(), ImgPlusCell.TYPE));
    }

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, VolumeToImageParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        if (!(inSpecs[0] instanceof VolumePortObjectSpec)) {
            throw new InvalidSettingsException("Input: expected a Volume, got "
                    + (inSpecs[0] == null ? "nothing" : inSpecs[0].getClass().getSimpleName()));
        }
        return new PortObjectSpec[] {tableSpec(settings)};
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, VolumeToImageParameters settings,
            Consumer<String> warning) throws Exception {
        VolumePortObject input = (VolumePortObject) inObjects[0];
        Volume volume = input.getVolume();
        ImgPlus<? extends RealType<?>> image = KnimeProgress.run(() -> VolumeImages.toImgPlus(volume,
                KnimeProgress.sink(exec.createSubExecutionContext(0.9)), KnimeProgress.cancellation(exec)));
        exec.checkCanceled();
        BufferedDataContainer table = exec.createDataContainer(tableSpec(settings));
        table.addRowToTable(new DefaultRow("Row0", cell(new ImgPlusCellFactory(exec), image)));
        table.close();
        exec.setProgress(1, "Converted " + volume.shape());
        return new PortObject[] {table.getTable()};
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ImgPlusCell<?> cell(ImgPlusCellFactory factory, ImgPlus<? extends RealType<?>> image)
            throws IOException {
        return factory.createCell((ImgPlus) image);
    }
}
