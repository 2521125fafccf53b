package org.emsym.engine.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.attribution.Interval;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts, drawn with JFreeChart. */
public final class Charts {

    private Charts() {
    }

    /**
     * Per-channel attribution shares of each model variant as grouped bars with 95% bootstrap error bars
     * (drawn as the larger half-width of the interval).
     */
    public static JFreeChart shareBars(String title, Map<String, AsymmetrySummary> variants) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (Map.Entry<String, AsymmetrySummary> e : variants.entrySet()) {
            AsymmetrySummary s = e.getValue();
            List<Interval> shares = s.channelShares();
            for (int c = 0; c < shares.size(); c++) {
                Interval i = shares.get(c);
                double halfWidth = Math.max(i.mean() - i.low(), i.high() - i.mean());
                data.add(i.mean(), halfWidth, e.getKey(), AsymmetrySummary.channelLabel(c, s.context()));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "input section", "attribution share (95% CI)", data,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
        renderer.setDrawBarOutline(false);
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        style(chart);
        return chart;
    }

    /** One line per named series over epochs 1..n (NaN values are left out). */
    public static JFreeChart curves(String title, String yLabel, Map<String, double[]> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey());
            double[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i])) {
                    s.add(i + 1, v[i]);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        style(chart);
        return chart;
    }

    public static BufferedImage render(JFreeChart chart, int width, int height) {
        return chart.createBufferedImage(width, height);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(248, 248, 248));
    }
}
