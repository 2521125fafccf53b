package org.emsym.knime.node.windowing;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.WindowSpec;
import org.emsym.engine.window.WindowingSummary;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.port.VolumeWindowing;
import org.emsym.knime.util.Tables;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.BooleanCell.BooleanCellFactory;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Records 2.5D window settings on a Volume. The voxels are passed through unchanged (no copy); the output spec
 * carries a {@link VolumeWindowing} that consumers take as the volume's windowing, and a summary table lists
 * every window: centre section, the sections feeding its 2k+1 channels, and whether the boundary mode padded it.
 */
final class StackWindowingLogic implements NodeLogic<StackWindowingParameters> {

    static final String COL_CENTRE = "Centre z";
    static final String COL_SOURCES = "Source sections";
    static final String COL_CHANNELS = "Channels";
    static final String COL_BOUNDARY = "Boundary mode";
    static final String COL_PADDED = "Padded";

    static final DataTableSpec SUMMARY_SPEC = Tables.spec(Tables.column(COL_CENTRE, IntCell.TYPE),
            Tables.column(COL_SOURCES, StringCell.TYPE), Tables.column(COL_CHANNELS, IntCell.TYPE),
            Tables.column(COL_BOUNDARY, StringCell.TYPE), Tables.column(COL_PADDED, BooleanCell.TYPE));

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, StackWindowingParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        if (!(inSpecs[0] instanceof VolumePortObjectSpec spec)) {
            throw new InvalidSettingsException("Input: expected a Volume, got "
                    + (inSpecs[0] == null ? "nothing" : inSpecs[0].getClass().getSimpleName()));
        }
        return new PortObjectSpec[] {outputSpec(spec, settings), SUMMARY_SPEC};
    }

    /** The input spec with the windowing recorded; checks the settings against the volume's shape. */
    private static VolumePortObjectSpec outputSpec(VolumePortObjectSpec in, StackWindowingParameters settings)
            throws InvalidSettingsException {
        int k = settings.context;
        BoundaryMode boundary = settings.boundary;
        int depth = in.getShape().depth();
        if (boundary == BoundaryMode.SKIP && depth < 2 * k + 1) {
            throw new InvalidSettingsException(StackWindowingParameters.TITLE_BOUNDARY + ": SKIP leaves no window for "
                    + depth + " sections with context k=" + k + " (needs at least " + (2 * k + 1)
                    + "); choose another mode or a smaller k.");
        }
        int patch = settings.patchSize;
        int side = Math.min(in.getShape().height(), in.getShape().width());
        if (patch > side) {
            throw new InvalidSettingsException(StackWindowingParameters.TITLE_PATCH_SIZE + ": " + patch
                    + " is larger than the volume's sections (" + in.getShape().height() + " x "
                    + in.getShape().width() + ").");
        }
        VolumeWindowing windowing;
        try {
            windowing = new VolumeWindowing(new WindowSpec(k, boundary), patch, settings.tileSize,
                    settings.tileOverlap);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(StackWindowingParameters.TITLE_TILE_OVERLAP + ": " + e.getMessage(), e);
        }
        return in.withWindowing(windowing).withStep("Stack Windowing: " + windowing);
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, StackWindowingParameters settings,
            Consumer<String> warning) throws Exception {
        VolumePortObject input = (VolumePortObject) inObjects[0];
        VolumePortObjectSpec spec = outputSpec(input.getSpec(), settings);
        VolumeWindowing windowing = spec.getWindowing().orElseThrow();
        WindowingSummary summary = WindowingSummary.of(input.getVolume(), windowing.window());
        BufferedDataContainer table = exec.createDataContainer(SUMMARY_SPEC);
        int n = summary.rows().size();
        for (int i = 0; i < n; i++) {
            exec.checkCanceled();
            WindowingSummary.Row r = summary.rows().get(i);
            String sources = Arrays.stream(r.sourceSections())
                    .mapToObj(z -> z == BoundaryMode.ZERO_FILLED ? "zero" : Integer.toString(z))
                    .collect(Collectors.joining(","));
            table.addRowToTable(new DefaultRow("z" + r.centre(), Tables.cell(r.centre()), Tables.cell(sources),
                    Tables.cell(r.sourceSections().length), Tables.cell(r.boundary().name()),
                    BooleanCellFactory.create(r.padded())));
            exec.setProgress((i + 1) / (double) n, "Window " + (i + 1) + " of " + n);
        }
        table.close();
        return new PortObject[] {new VolumePortObject(spec, input.getVolume()), table.getTable()};
    }
}
