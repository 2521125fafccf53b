package org.emsym.knime.node.knip;

import java.util.function.Consumer;
import java.util.List;

import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.util.KnimeProgress;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.knip.base.data.img.ImgPlusValue;

import net.imagej.ImgPlus;
import net.imglib2.type.numeric.RealType;

/**
 * Turns one image of a KNIME Image Processing image column into a Volume: a 2-D (x, y) image gives one section,
 * a 3-D (x, y, z) image a stack. Axes labelled X, Y, Z may come in any order; unlabelled axes read as x, y, z;
 * other axes (Channel, Time) must have size 1 (see {@link SpatialAxes}). The X, Y, Z calibration becomes the
 * voxel size. uint8 and uint16 images keep their type, others become float32. The shape is known only after
 * execution, so the output spec is unknown in configure.
 */
final class ImageToVolumeLogic implements NodeLogic<ImageToVolumeParameters> {


    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, ImageToVolumeParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        if (!(inSpecs[0] instanceof DataTableSpec spec)) {
            throw new InvalidSettingsException("Input: expected a data table, got "
                    + (inSpecs[0] == null ? "nothing" : inSpecs[0].getClass().getSimpleName()));
        }
        imageColumn(spec, settings);
        return new PortObjectSpec[] {null};
    }

    /** Index of the configured image column, or of the first image column when none is configured. */
    private static int imageColumn(DataTableSpec spec, ImageToVolumeParameters settings)
            throws InvalidSettingsException {
        String name = settings.column == null ? "" : settings.column.trim();
        if (name.isEmpty()) {
            for (int i = 0; i < spec.getNumColumns(); i++) {
                if (spec.getColumnSpec(i).getType().isCompatible(ImgPlusValue.class)) {
                    return i;
                }
            }
            throw new InvalidSettingsException(ImageToVolumeParameters.TITLE_COLUMN + ": the input table has no image "
                    + "column (columns: " + String.join(", ", spec.getColumnNames()) + ")");
        }
        int i = spec.findColumnIndex(name);
        if (i < 0) {
            throw new InvalidSettingsException(ImageToVolumeParameters.TITLE_COLUMN + ": no column '" + name
                    + "' in the input table");
        }
        if (!spec.getColumnSpec(i).getType().isCompatible(ImgPlusValue.class)) {
            throw new InvalidSettingsException(ImageToVolumeParameters.TITLE_COLUMN + ": column '" + name
                    + "' holds " + spec.getColumnSpec(i).getType() + ", not images");
        }
        return i;
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, ImageToVolumeParameters settings,
            Consumer<String> warning) throws Exception {
        BufferedDataTable table = (BufferedDataTable) inObjects[0];
        int column = imageColumn(table.getDataTableSpec(), settings);
        int wanted = settings.row;
        if (wanted >= table.size()) {
            throw new InvalidSettingsException(ImageToVolumeParameters.TITLE_ROW + ": " + wanted + " but the table has "
                    + table.size() + " rows");
        }
        DataRow row = null;
        try (CloseableRowIterator it = table.iterator()) {
            for (int i = 0; i <= wanted; i++) {
                row = it.next();
            }
        }
        DataCell cell = row.getCell(column);
        if (cell.isMissing()) {
            throw new InvalidSettingsException(ImageToVolumeParameters.TITLE_ROW + ": row '" + row.getKey()
                    + "' has no image (missing value)");
        }
        ImgPlusValue<?> value = (ImgPlusValue<?>) cell;
        ImgPlus<? extends RealType<?>> image = value.getImgPlus();
        String source = "image in row " + row.getKey() + ", column " + table.getDataTableSpec().getColumnNames()[column];
        ArrayVolume volume = KnimeProgress.run(() -> VolumeImages.toVolume(image, source,
                KnimeProgress.sink(exec), KnimeProgress.cancellation(exec)));
        NormalizationSpec normalization = new NormalizationSpec(settings.normalization,
                NormalizationSpec.DEFAULT_LOW_PERCENTILE, NormalizationSpec.DEFAULT_HIGH_PERCENTILE);
        VolumePortObjectSpec spec = new VolumePortObjectSpec(volume.shape(), volume.pixelType(), volume.voxelSize(),
                normalization, List.of("Image to Volume: " + source));
        exec.setProgress(1, "Converted " + volume.shape());
        return new PortObject[] {new VolumePortObject(spec, volume)};
    }
}
