package org.emsym.knime.node.attribution;

import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.attribution.AttributionConfig;
import org.emsym.engine.attribution.AttributionResult;
import org.emsym.engine.attribution.ChannelShares;
import org.emsym.engine.attribution.GradientAttributor;
import org.emsym.engine.attribution.Interval;
import org.emsym.engine.model.DeviceSpec;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.FiniteVolume;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Window;
import org.emsym.engine.util.EngineLock;
import org.emsym.engine.window.WindowSpec;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.port.VolumeWindowing;
import org.emsym.knime.util.KnimeProgress;
import org.emsym.knime.util.Tables;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.inactive.InactiveBranchPortObject;
import org.knime.core.node.port.inactive.InactiveBranchPortObjectSpec;

/**
 * Measures how much each section of a 2.5D window contributes to the model's foreground score: gradient-based
 * attribution (saliency, gradient x input or integrated gradients) of the summed probability of class 0 over a
 * centred tile, per selected window, reduced to per-section shares (sum of absolute attribution per channel,
 * normalized to 1). The summary aggregates the windows: mean share per section and, per distance d, the ratio
 * A(z-d)/A(z+d) and asymmetry index |A(z-d) - A(z+d)| / (A(z-d) + A(z+d)), each with a 95% bootstrap interval.
 * A symmetric model has ratios near 1 and indices near 0.
 *
 * <p>Windows are cut with the input volume's windowing (boundary mode) if a Stack Windowing node set one, else
 * with REFLECT; intensities are normalized as the volume's spec says. The optional attribution Volume holds the
 * absolute attribution maps: for each window (in centre order) its 2k+1 channel maps, z-k first, as sections.
 */
final class AttributionScorerLogic implements NodeLogic<AttributionScorerParameters> {

    static final String COL_CENTRE = "Centre z";
    static final String COL_SCORE = "Target score";
    static final String SHARE_PREFIX = "Share ";

    static final String COL_QUANTITY = "Quantity";
    static final String COL_OF = "Of";
    static final String COL_MEAN = "Mean";
    static final String COL_LOW = "Lower 95%";
    static final String COL_HIGH = "Upper 95%";
    static final String COL_WINDOWS = "Windows";
    static final String QUANTITY_SHARE = "share";
    static final String QUANTITY_RATIO = "ratio";
    static final String QUANTITY_INDEX = "asymmetry index";

    static final DataTableSpec SUMMARY_SPEC = Tables.spec(Tables.column(COL_QUANTITY, StringCell.TYPE),
            Tables.column(COL_OF, StringCell.TYPE), Tables.column(COL_MEAN, DoubleCell.TYPE),
            Tables.column(COL_LOW, DoubleCell.TYPE), Tables.column(COL_HIGH, DoubleCell.TYPE),
            Tables.column(COL_WINDOWS, IntCell.TYPE));

    private static final long SEED = 42;


    /** The per-window shares table for context k: centre, target score, one share column per section. */
    static DataTableSpec sharesSpec(int k) {
        List<DataColumnSpec> columns = new ArrayList<>();
        columns.add(Tables.column(COL_CENTRE, IntCell.TYPE));
        columns.add(Tables.column(COL_SCORE, DoubleCell.TYPE));
        for (int c = 0; c < 2 * k + 1; c++) {
            columns.add(Tables.column(SHARE_PREFIX + AsymmetrySummary.channelLabel(c, k), DoubleCell.TYPE));
        }
        return Tables.spec(columns.toArray(DataColumnSpec[]::new));
    }

    /** What configure checked: the model's context, the windows to score and the tile. */
    private record Plan(int context, WindowSpec window, int[] centres, int tile) {
    }

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, AttributionScorerParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        if (!(inSpecs[0] instanceof SegmentationModelPortObjectSpec model)) {
            throw new InvalidSettingsException("Model input: expected a Segmentation Model, got "
                    + (inSpecs[0] == null ? "nothing" : inSpecs[0].getClass().getSimpleName()));
        }
        model.requireEmsymModel("Model input");
        if (!(inSpecs[1] instanceof VolumePortObjectSpec volume)) {
            throw new InvalidSettingsException("Volume input: expected a Volume, got "
                    + (inSpecs[1] == null ? "nothing" : inSpecs[1].getClass().getSimpleName()));
        }
        Plan plan = plan(model, volume, settings);
        PortObjectSpec maps = settings.attributionVolume
                ? mapsSpec(volume, plan) : InactiveBranchPortObjectSpec.INSTANCE;
        return new PortObjectSpec[] {sharesSpec(plan.context()), SUMMARY_SPEC, maps};
    }

    private static Plan plan(SegmentationModelPortObjectSpec model, VolumePortObjectSpec volume,
            AttributionScorerParameters settings)
            throws InvalidSettingsException {
        int k = model.getContext();
        BoundaryMode boundary = BoundaryMode.DEFAULT;
        if (volume.getWindowing().isPresent()) {
            VolumeWindowing w = volume.getWindowing().get();
            if (w.context() != k) {
                throw new InvalidSettingsException("Volume input: its windowing has context k=" + w.context()
                        + " but the model takes " + model.getInChannels() + " channels (k=" + k + ")");
            }
            boundary = w.boundary();
        }
        VolumeShape shape = volume.getShape();
        WindowSpec window = new WindowSpec(k, boundary);
        int[] allowed = allowedCentres(shape.depth(), window);
        int[] centres = settings.centreList();
        if (centres.length > 0) {
            for (int z : centres) {
                if (Arrays.binarySearch(allowed, z) < 0) {
                    throw new InvalidSettingsException(AttributionScorerParameters.TITLE_CENTRES + ": section " + z
                            + " is no window centre of the " + shape.depth() + "-section volume (boundary " + boundary
                            + ", k=" + k + ")");
                }
            }
        } else {
            int n = settings.everyNth;
            centres = java.util.stream.IntStream.range(0, allowed.length).filter(i -> i % n == 0).map(i -> allowed[i])
                    .toArray();
        }
        centres = evenlyAtMost(centres, settings.maxWindows);
        int tile = settings.tileSize;
        if (tile > Math.min(shape.height(), shape.width())) {
            throw new InvalidSettingsException(AttributionScorerParameters.TITLE_TILE_SIZE + ": " + tile
                    + " is larger than the volume's sections (" + shape.height() + " x " + shape.width() + ")");
        }
        return new Plan(k, window, centres, tile);
    }

    private static int[] allowedCentres(int depth, WindowSpec window) throws InvalidSettingsException {
        if (window.boundary() == BoundaryMode.SKIP) {
            if (depth < window.channels()) {
                throw new InvalidSettingsException("Volume input: boundary SKIP leaves no window in " + depth
                        + " sections for k=" + window.context());
            }
            return java.util.stream.IntStream.range(window.context(), depth - window.context()).toArray();
        }
        return java.util.stream.IntStream.range(0, depth).toArray();
    }

    /** At most {@code max} of {@code values}, evenly spread over them (first and last kept). */
    private static int[] evenlyAtMost(int[] values, int max) {
        if (values.length <= max) {
            return values;
        }
        if (max == 1) {
            return new int[] {values[values.length / 2]};
        }
        int[] out = new int[max];
        for (int i = 0; i < max; i++) {
            out[i] = values[(int) Math.round(i * (values.length - 1) / (double) (max - 1))];
        }
        return out;
    }

    private static VolumePortObjectSpec mapsSpec(VolumePortObjectSpec volume, Plan plan) {
        VolumeShape shape = new VolumeShape(plan.centres().length * (2 * plan.context() + 1), plan.tile(), plan.tile());
        return new VolumePortObjectSpec(shape, PixelType.FLOAT32, volume.getVoxelSize(), NormalizationSpec.none(),
                List.of("Attribution Scorer: |attribution| maps, " + (2 * plan.context() + 1)
                        + " channel maps (z-k first) per window, windows at centres " + Arrays.toString(plan.centres())));
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, AttributionScorerParameters settings,
            Consumer<String> warning) throws Exception {
        SegmentationModelPortObject model = (SegmentationModelPortObject) inObjects[0];
        VolumePortObject volume = (VolumePortObject) inObjects[1];
        Plan plan = plan(model.getSpec(), volume.getSpec(), settings);
        AttributionConfig config;
        try {
            config = AttributionConfig.builder().method(settings.method).steps(settings.steps)
                    .baseline(settings.baseline).seed(SEED).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(AttributionScorerParameters.TITLE_STEPS + ": " + e.getMessage(), e);
        }
        exec.checkCanceled();
        VolumeShape shape = volume.getSpec().getShape();
        int tile = plan.tile();
        int y0 = (shape.height() - tile) / 2;
        int x0 = (shape.width() - tile) / 2;
        int channels = 2 * plan.context() + 1;
        boolean keepMaps = settings.attributionVolume;
        float[][] maps = keepMaps ? new float[plan.centres().length * channels][] : null;

        BufferedDataContainer shares = exec.createDataContainer(sharesSpec(plan.context()));
        List<ChannelShares> perWindow = new ArrayList<>();
        // one attribution or training at a time per JVM (parallel branches share it): wait here, cancelable
        try (EngineLock.Held engine = KnimeProgress.run(() -> EngineLock.acquire("attribution",
                KnimeProgress.sink(exec), KnimeProgress.cancellation(exec)));
                ModelScope scope = ModelScope.open(DeviceSpec.AUTO)) {
            ModelBundle bundle = model.loadBundle(scope);
            exec.setMessage("Fitting the normalization");
            // the input rule the model was trained with, as the Predictor applies it
            // NaN or infinite values fail the read of their section, naming source, section and count
            Volume image = FiniteVolume.of(volume.getVolume());
            StackWindower windower = new StackWindower(image, plan.window(),
                    Normalizer.fit(image, bundle.metadata().inputNormalization()).sectionTransform());
            int multiple = bundle.network().sizeMultiple();
            if (tile % multiple != 0) {
                throw new InvalidSettingsException(AttributionScorerParameters.TITLE_TILE_SIZE + ": " + tile
                        + " is not a multiple of " + multiple + ", which the " + model.getSpec().getEncoder()
                        + " U-Net needs");
            }
            GradientAttributor attributor = new GradientAttributor(bundle.network(), config);
            int[] centres = plan.centres();
            for (int i = 0; i < centres.length; i++) {
                exec.checkCanceled();
                Window w = windower.window(centres[i], y0, x0, tile, tile);
                AttributionResult result = attributor.attribute(scope.manager(), w.channels(), tile, tile, null);
                ChannelShares s = result.shares();
                perWindow.add(s);
                DataCell[] cells = new DataCell[2 + channels];
                cells[0] = Tables.cell(centres[i]);
                cells[1] = Tables.cell(result.target());
                for (int c = 0; c < channels; c++) {
                    cells[2 + c] = Tables.cell(s.share(c));
                }
                shares.addRowToTable(new DefaultRow("z" + centres[i], cells));
                if (keepMaps) {
                    for (int c = 0; c < channels; c++) {
                        float[] abs = result.maps()[c].clone();
                        for (int p = 0; p < abs.length; p++) {
                            abs[p] = Math.abs(abs[p]);
                        }
                        maps[i * channels + c] = abs;
                    }
                }
                exec.setProgress((i + 1) / (double) (centres.length + 1),
                        "Window " + (i + 1) + " of " + centres.length + " (centre z=" + centres[i] + ")");
            }
        }
        shares.close();
        exec.checkCanceled();
        AsymmetrySummary summary = AsymmetrySummary.of(perWindow, SEED);
        BufferedDataContainer table = exec.createDataContainer(SUMMARY_SPEC);
        int row = 0;
        for (int c = 0; c < channels; c++) {
            table.addRowToTable(summaryRow(row++, QUANTITY_SHARE, AsymmetrySummary.channelLabel(c, plan.context()),
                    summary.channelShares().get(c), summary.windows()));
        }
        for (int d = 1; d <= plan.context(); d++) {
            String of = "z-" + d + " / z+" + d;
            table.addRowToTable(summaryRow(row++, QUANTITY_RATIO, of, summary.ratios().get(d - 1), summary.windows()));
            table.addRowToTable(summaryRow(row++, QUANTITY_INDEX, of, summary.asymmetryIndices().get(d - 1),
                    summary.windows()));
        }
        table.close();
        PortObject mapsOut = InactiveBranchPortObject.INSTANCE;
        if (keepMaps) {
            VolumePortObjectSpec spec = mapsSpec(volume.getSpec(), plan);
            mapsOut = new VolumePortObject(spec, new ArrayVolume(spec.getShape(), PixelType.FLOAT32,
                    spec.getVoxelSize(), maps, "attribution maps"));
        }
        exec.setProgress(1, "Scored " + summary.windows() + " windows");
        return new PortObject[] {shares.getTable(), table.getTable(), mapsOut};
    }

    private static DefaultRow summaryRow(int row, String quantity, String of, Interval interval, int windows) {
        return new DefaultRow("Row" + row, Tables.cell(quantity), Tables.cell(of), Tables.cell(interval.mean()),
                Tables.cell(interval.low()), Tables.cell(interval.high()), Tables.cell(windows));
    }
}
