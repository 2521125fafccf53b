package org.emsym.knime.node.symmetrizer;

import java.util.Optional;
import java.util.function.Consumer;

import org.emsym.engine.model.DeviceSpec;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.symmetry.FirstLayerSymmetrizer;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.symmetry.SymmetryReport;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.util.Tables;
import org.emsym.knime.util.NodeLogic;
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

/**
 * Adapts a model's first convolution to its 2k+1 input channels with a symmetrization strategy: {@code uniform}
 * (the paper's uniform channel initialization: every channel gets the mean pretrained kernel), {@code
 * outer-average} (channels at equal distance from the centre get their average) or {@code none} (the pretrained
 * kernel spread over the channels, keeping its asymmetry). The source is the pretrained kernel the model keeps
 * from the Pretrained Model Loader; a model without one (e.g. made elsewhere) has its current first layer
 * symmetrized in place, with a warning. The table lists per-channel kernel norms before and after and the
 * symmetry error ||W - flip(W)|| / ||W|| of both.
 */
final class WeightSymmetrizerLogic implements NodeLogic<WeightSymmetrizerParameters> {

    static final String COL_LAYER = "Layer";
    static final String COL_STRATEGY = "Strategy";
    static final String COL_STAGE = "Stage";
    static final String COL_CHANNEL = "Channel";
    static final String COL_L1 = "L1 norm";
    static final String COL_L2 = "L2 norm";
    static final String COL_SYMMETRY_ERROR = "Symmetry error";

    static final DataTableSpec TABLE_SPEC = Tables.spec(Tables.column(COL_LAYER, StringCell.TYPE),
            Tables.column(COL_STRATEGY, StringCell.TYPE), Tables.column(COL_STAGE, StringCell.TYPE),
            Tables.column(COL_CHANNEL, IntCell.TYPE), Tables.column(COL_L1, DoubleCell.TYPE),
            Tables.column(COL_L2, DoubleCell.TYPE), Tables.column(COL_SYMMETRY_ERROR, DoubleCell.TYPE));

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, WeightSymmetrizerParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        if (!(inSpecs[0] instanceof SegmentationModelPortObjectSpec spec)) {
            throw new InvalidSettingsException("Input: expected a Segmentation Model, got "
                    + (inSpecs[0] == null ? "nothing" : inSpecs[0].getClass().getSimpleName()));
        }
        spec.requireEmsymModel("Input");
        return new PortObjectSpec[] {spec.withSymmetrization(settings.strategy.id(), ""), TABLE_SPEC};
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, WeightSymmetrizerParameters settings,
            Consumer<String> warning) throws Exception {
        SegmentationModelPortObject input = (SegmentationModelPortObject) inObjects[0];
        SymmetrizationStrategy strategy = settings.strategy;
        exec.checkCanceled();
        exec.setProgress(0.1, "Loading the model");
        Optional<NamedTensor> source = input.getSourceFirstConv();
        try (ModelScope scope = ModelScope.open(DeviceSpec.AUTO)) {
            ModelBundle bundle = input.loadBundle(scope);
            exec.checkCanceled();
            SymmetryReport report;
            if (source.isPresent()) {
                report = FirstLayerSymmetrizer.apply(bundle.network().encoder(), source.get(), strategy);
            } else {
                warning.accept("The model keeps no pretrained first-layer kernel; its current first layer was "
                        + "symmetrized in place.");
                report = FirstLayerSymmetrizer.applyInPlace(bundle.network().encoder(), strategy);
            }
            exec.setProgress(0.5, "Saving the model");
            ModelMetadata meta = bundle.metadata().withSymmetrization(new ModelMetadata.Symmetrization(strategy.id(),
                    report.layer(), report.symmetryErrorBefore(), report.symmetryErrorAfter(), report.summary()));
            SegmentationModelPortObject output =
                    SegmentationModelPortObject.create(bundle.network(), meta, source.orElse(null));
            exec.checkCanceled();
            BufferedDataContainer table = exec.createDataContainer(TABLE_SPEC);
            int i = 0;
            for (SymmetryReport.Row r : report.rows()) {
                double error = r.stage().equals("before") ? report.symmetryErrorBefore() : report.symmetryErrorAfter();
                table.addRowToTable(new DefaultRow("Row" + i++, Tables.cell(r.layer()), Tables.cell(r.strategy()),
                        Tables.cell(r.stage()), Tables.cell(r.channel()), Tables.cell(r.l1()), Tables.cell(r.l2()),
                        Tables.cell(error)));
            }
            table.close();
            exec.setProgress(1, report.summary());
            return new PortObject[] {output, table.getTable()};
        }
    }
}
