package org.emsym.engine.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.awt.image.BufferedImage;
import java.util.List;
import org.emsym.engine.report.Charts;
import org.emsym.engine.report.AttributionHistoryReport;
import org.emsym.engine.report.Table;
import org.emsym.engine.train.SegmentationTrainer;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.engine.train.TrainingData;
import org.emsym.engine.train.SegmentationTrainingResult;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.WindowSpec;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;

class AttributionTrackerTest {

    @Test
    void recordsSharesForEveryEpochOfATrainingRun() {
        ArrayVolume image = AttributionAuditTest.randomVolume(8, 24, 24, 5);
        float[][] labels = image.readSlab(0, 8);
        for (float[] section : labels) {
            for (int i = 0; i < section.length; i++) {
                section[i] = section[i] > 0.5f ? 1 : 0;
            }
        }
        ArrayVolume labelVolume = new ArrayVolume(image.shape(), PixelType.UINT8, labels);
        StackWindower windower = new StackWindower(image, WindowSpec.of(1));
        AttributionTracker tracker = AttributionTracker.builder(AttributionAudit.centralCrops(windower,
                new int[] {5, 6}, 16, 16)).build();
        SegmentationTrainingConfig config = SegmentationTrainingConfig.builder().epochs(2).stepsPerEpoch(2).batchSize(2).patchSize(16)
                .validationRange(5, 7).earlyStoppingPatience(0).device("cpu").seed(3).build();
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Block net = AttributionAuditTest.smallNet();
            SegmentationTrainingResult result = SegmentationTrainer.builder(config).epochListener(tracker).build()
                    .fit(manager, net, TrainingData.builder(image, labelVolume, WindowSpec.of(1)).build());

            List<EpochAttribution> history = tracker.history();
            assertEquals(List.of(0, 1), history.stream().map(EpochAttribution::epoch).toList());
            for (int e = 0; e < 2; e++) {
                EpochAttribution a = history.get(e);
                assertEquals(result.history().get(e).validationDice(), a.validationDice());
                assertEquals(2, a.summary().windows());
                double sum = a.summary().channelShares().stream().mapToDouble(Interval::mean).sum();
                assertEquals(1, sum, 1e-9, "mean shares sum to 1");
                Interval index = a.summary().asymmetryIndices().get(0);
                assertTrue(index.low() <= index.mean() && index.mean() <= index.high(), index.toString());
            }
            // the tracker measures the weights it is handed: after training they differ from epoch to epoch
            assertFalse(history.get(0).audit().perWindow().equals(history.get(1).audit().perWindow()));

            EpochAttribution initial = tracker.recordInitial(net);
            assertEquals(-1, initial.epoch());
            Table table = AttributionHistoryReport.table(tracker.history());
            assertEquals(3, table.rows().size());
            assertEquals(List.of("1", "2", "0"), table.rows().stream().map(r -> r.get(0)).toList());
            assertEquals(3 + 3 * 3 + 3, table.header().size(), "epoch, Dice, windows, 3 x 3 shares, 3 asymmetry");
            JFreeChart chart = AttributionHistoryReport.chart(tracker.history());
            assertEquals(3, chart.getXYPlot().getDataset().getSeriesCount(), "one curve per input section");
            assertEquals(2, chart.getXYPlot().getDataset().getItemCount(0), "trained epochs only");
            BufferedImage png = Charts.render(chart, 400, 300);
            assertEquals(400, png.getWidth());
        }
    }

    @Test
    void needsWindowsAndARecordBeforeReporting() {
        assertThrows(IllegalArgumentException.class, () -> AttributionTracker.builder(List.of()));
        StackWindower windower = new StackWindower(AttributionAuditTest.randomVolume(4, 8, 8, 1), WindowSpec.of(1));
        AttributionTracker tracker = AttributionTracker.builder(List.of(windower.window(1))).build();
        assertThrows(IllegalArgumentException.class, () -> AttributionHistoryReport.table(tracker.history()));
        assertThrows(IllegalArgumentException.class, () -> AttributionHistoryReport.chart(tracker.history()));
    }
}
