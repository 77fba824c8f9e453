package org.zhijian.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

import static java.util.Objects.requireNonNull;

/**
 * Draws the brief's charts with one theme built on the resolved font, and writes each as a PNG
 * rendered at twice its size (for sharpness in the workbook) and as an SVG.
 */
public final class Charts
{
    public static final int WIDTH = 720;
    public static final int HEIGHT = 400;
    private static final Color BAR = new Color(0x2F5597);
    private static final Color TARGET = new Color(0xC00000);
    private static final Color INTERVAL = new Color(0x9DC3E6);
    private static final Color[] PALETTE = {BAR, new Color(0xED7D31), new Color(0x70AD47), new Color(0xFFC000), new Color(0x5B9BD5), new Color(0x7F7F7F)};

    private final StandardChartTheme theme;

    public Charts(Font font)
    {
        requireNonNull(font, "font is null");
        theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(font.deriveFont(Font.BOLD, 16f));
        theme.setLargeFont(font.deriveFont(Font.BOLD, 13f));
        theme.setRegularFont(font.deriveFont(Font.PLAIN, 12f));
        theme.setSmallFont(font.deriveFont(Font.PLAIN, 10f));
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(new Color(0xD9D9D9));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
    }

    /** A chart rendered to PNG bytes (2×) and SVG text. */
    public record Rendered(byte[] png, String svg) {}

    /**
     * What a chart shows: its categories (or periods) in order, and per series (named) one value
     * per category, null where there is no data; for a rank interval also each category's bounds.
     */
    public record Data(List<String> categories, Map<String, List<Double>> series, List<Double> low, List<Double> high)
    {
        public Data
        {
            categories = List.copyOf(categories);
            series = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(series));
            low = low == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(low));
            high = high == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(high));
        }
    }

    /** How a chart looks beyond its data. */
    public record Style(String type, String title, String axisLabel, boolean percent, String valueFormat, Double target, String targetLabel, String intervalLabel,
            List<Color> colors) {}

    /** Draws bar, hbar, line, stacked, stacked_hbar, rank_interval or tornado (changes either side of zero, longest bar on top). */
    public JFreeChart draw(Style style, Data data)
    {
        if (style.type().equals("rank_interval")) {
            return rankInterval(style, data);
        }
        if (style.type().equals("tornado")) {
            return tornado(style, data);
        }
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        data.series().forEach((name, values) -> {
            for (int i = 0; i < data.categories().size(); i++) {
                dataset.addValue(values.get(i), name, data.categories().get(i));
            }
        });
        boolean legend = data.series().size() > 1;
        PlotOrientation orientation = style.type().endsWith("hbar") ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL;
        JFreeChart chart = switch (style.type()) {
            case "line" -> ChartFactory.createLineChart(style.title(), null, style.axisLabel(), dataset, orientation, legend, false, false);
            case "stacked", "stacked_hbar" -> ChartFactory.createStackedBarChart(style.title(), null, style.axisLabel(), dataset, orientation, legend, false, false);
            default -> ChartFactory.createBarChart(style.title(), null, style.axisLabel(), dataset, orientation, legend, false, false);
        };
        theme.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        CategoryItemRenderer renderer = plot.getRenderer();
        for (int i = 0; i < data.series().size(); i++) {
            renderer.setSeriesPaint(i, i < style.colors().size() ? style.colors().get(i) : PALETTE[i % PALETTE.length]);
        }
        if (renderer instanceof LineAndShapeRenderer line) {
            line.setDefaultShapesVisible(true);
            for (int i = 0; i < data.series().size(); i++) {
                line.setSeriesStroke(i, new BasicStroke(2f));
            }
        }
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        NumberFormat format = style.percent() ? percentFormat() : new java.text.DecimalFormat("#,##0.##");
        if (style.percent()) {
            axis.setStandardTickUnits(percentUnits());
        }
        else {
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        if (!legend && !style.type().equals("line")) {
            // One series: each bar carries its value.
            renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat(style.valueFormat())));
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultItemLabelFont(theme.getSmallFont());
        }
        if (style.target() != null) {
            ValueMarker marker = new ValueMarker(style.target(), TARGET, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            marker.setLabel(style.targetLabel() + " " + format.format(style.target()));
            marker.setLabelFont(theme.getSmallFont());
            marker.setLabelPaint(TARGET);
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            boolean horizontal = orientation == PlotOrientation.HORIZONTAL;
            // Inside the plot: at the top right of a horizontal line, at the bottom left of a vertical one.
            marker.setLabelAnchor(horizontal ? RectangleAnchor.BOTTOM_LEFT : RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(horizontal ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(marker);
        }
        range(axis, style, data);
        if (orientation == PlotOrientation.HORIZONTAL) {
            plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
            // Long names (English indicator and category names) keep up to 40% of the width before "…".
            plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.4f);
        }
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 8, 4, 24));
        if (orientation == PlotOrientation.VERTICAL) {
            int longest = data.categories().stream().mapToInt(String::length).max().orElse(0);
            if (longest * data.categories().size() > 70 || data.categories().size() > 10 && longest > 4) {
                plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            }
        }
        if (legend) {
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }

    /**
     * Rates near 90% are compared on a scale that starts a little below the lowest (and the
     * target), not at zero; other values start at zero, with room above for the bars' labels.
     */
    private static void range(NumberAxis axis, Style style, Data data)
    {
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        boolean stacked = style.type().startsWith("stacked");
        for (int i = 0; i < data.categories().size(); i++) {
            double sum = 0;
            for (List<Double> values : data.series().values()) {
                Double value = values.get(i);
                if (value != null) {
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                    sum += value;
                }
            }
            if (stacked) {
                high = Math.max(high, sum);
            }
        }
        if (style.target() != null) {
            low = Math.min(low, style.target());
            high = Math.max(high, style.target());
        }
        if (low == Double.MAX_VALUE) {
            return;
        }
        if (style.percent() && low > 0.5) {
            // Rates stop at 100%; shares of a target may pass it. Horizontal bars keep room for their labels.
            double lower = Math.floor((low - 0.03) * 20) / 20;
            double upper = Math.ceil((high + 0.01) * 100) / 100;
            if (style.type().equals("hbar")) {
                upper = high + (high - lower) * 0.12;
            }
            axis.setRange(lower, high <= 1.0 && !style.type().equals("hbar") ? Math.min(1.0, upper) : upper);
        }
        else if (style.type().equals("line")) {
            axis.setAutoRangeIncludesZero(false);
            double pad = Math.max((high - low) * 0.15, style.percent() ? 0.01 : 1);
            axis.setRange(Math.max(0, low - pad), high + pad);
        }
        else if (style.percent() && high <= 1) {
            axis.setRange(0, Math.min(1.1, Math.max(0.1, high * 1.12)));
        }
        else {
            axis.setRange(0, high <= 0 ? 1 : high * 1.12);
        }
    }

    /**
     * A tornado: per category (an assumption) one bar per series (moved down, moved up) from zero
     * to the change it makes, on one axis symmetric around zero.
     */
    private JFreeChart tornado(Style style, Data data)
    {
        JFreeChart chart = draw(new Style("stacked_hbar", style.title(), style.axisLabel(), false, style.valueFormat(), null, null, null, style.colors()), data);
        CategoryPlot plot = chart.getCategoryPlot();
        double reach = 0;
        for (List<Double> values : data.series().values()) {
            for (Double value : values) {
                reach = Math.max(reach, value == null ? 0 : Math.abs(value));
            }
        }
        reach = reach == 0 ? 1 : reach * 1.15;
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setStandardTickUnits(NumberAxis.createStandardTickUnits());
        axis.setNumberFormatOverride(new java.text.DecimalFormat(style.valueFormat()));
        axis.setRange(-reach, reach);
        plot.addRangeMarker(new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1f)));
        return chart;
    }

    /** A fan chart's data: the years, the projection's quantiles per year (null before the base year), and the actual values (null after). */
    public record Fan(List<Integer> years, List<Double> p5, List<Double> p25, List<Double> p50, List<Double> p75, List<Double> p95, List<Double> actual) {}

    /** Names of the fan chart's series in the chart's language: outer band, inner band, median, actual. */
    public record FanLabels(String outer, String inner, String median, String actual, String target) {}

    /**
     * A fan chart over years: the P5–P95 and P25–P75 bands, the P50 line, the actual history up
     * to the base year, and the target as a dashed line.
     */
    public JFreeChart fan(String title, String axisLabel, boolean percent, Fan fan, Double target, FanLabels labels)
    {
        org.jfree.data.xy.YIntervalSeries outer = new org.jfree.data.xy.YIntervalSeries(labels.outer());
        org.jfree.data.xy.YIntervalSeries inner = new org.jfree.data.xy.YIntervalSeries(labels.inner());
        org.jfree.data.xy.YIntervalSeries median = new org.jfree.data.xy.YIntervalSeries(labels.median());
        org.jfree.data.xy.YIntervalSeries actual = new org.jfree.data.xy.YIntervalSeries(labels.actual());
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (int i = 0; i < fan.years().size(); i++) {
            int year = fan.years().get(i);
            if (fan.p50().get(i) != null) {
                outer.add(year, fan.p50().get(i), fan.p5().get(i), fan.p95().get(i));
                inner.add(year, fan.p50().get(i), fan.p25().get(i), fan.p75().get(i));
                median.add(year, fan.p50().get(i), fan.p50().get(i), fan.p50().get(i));
                low = Math.min(low, fan.p5().get(i));
                high = Math.max(high, fan.p95().get(i));
            }
            if (fan.actual().get(i) != null) {
                actual.add(year, fan.actual().get(i), fan.actual().get(i), fan.actual().get(i));
                low = Math.min(low, fan.actual().get(i));
                high = Math.max(high, fan.actual().get(i));
            }
        }
        org.jfree.data.xy.YIntervalSeriesCollection dataset = new org.jfree.data.xy.YIntervalSeriesCollection();
        dataset.addSeries(outer);
        dataset.addSeries(inner);
        dataset.addSeries(median);
        dataset.addSeries(actual);
        NumberAxis years = new NumberAxis();
        years.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        years.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        years.setAutoRangeIncludesZero(false);
        NumberAxis values = new NumberAxis(axisLabel);
        values.setAutoRangeIncludesZero(false);
        org.jfree.chart.renderer.xy.DeviationRenderer renderer = new org.jfree.chart.renderer.xy.DeviationRenderer(true, false);
        org.jfree.chart.plot.XYPlot plot = new org.jfree.chart.plot.XYPlot(dataset, years, values, renderer);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        theme.apply(chart);
        renderer.setSeriesFillPaint(0, new Color(0xBDD7EE));
        renderer.setSeriesFillPaint(1, new Color(0x6FA8DC));
        renderer.setSeriesFillPaint(2, BAR);
        renderer.setSeriesFillPaint(3, Color.DARK_GRAY);
        renderer.setAlpha(0.6f);
        // The bands show as areas, the median and the history as lines.
        renderer.setSeriesPaint(0, new Color(0xBDD7EE));
        renderer.setSeriesPaint(1, new Color(0x6FA8DC));
        renderer.setSeriesPaint(2, BAR);
        renderer.setSeriesPaint(3, Color.DARK_GRAY);
        // The bands' own centre lines would be drawn over the median (the plot draws series in reverse).
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesLinesVisible(1, false);
        renderer.setSeriesLinesVisible(2, true);
        renderer.setSeriesLinesVisible(3, true);
        renderer.setSeriesStroke(2, new BasicStroke(2.5f));
        renderer.setSeriesStroke(3, new BasicStroke(2f));
        renderer.setSeriesShapesVisible(3, true);
        renderer.setSeriesShape(3, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        plot.setDomainGridlinesVisible(false);
        if (target != null) {
            ValueMarker marker = new ValueMarker(target, TARGET, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            marker.setLabel(labels.target() + " " + (percent ? percentFormat() : new java.text.DecimalFormat("#,##0")).format(target));
            marker.setLabelFont(theme.getSmallFont());
            marker.setLabelPaint(TARGET);
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(marker);
            low = Math.min(low, target);
            high = Math.max(high, target);
        }
        if (low != Double.MAX_VALUE) {
            double pad = Math.max((high - low) * 0.08, percent ? 0.005 : 1);
            values.setRange(Math.max(0, low - pad), high + pad);
        }
        if (percent) {
            values.setStandardTickUnits(percentUnits());
        }
        else {
            values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            values.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
        }
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 8, 4, 24));
        return chart;
    }

    /** Ranks as dots and their Monte Carlo intervals as bars, best rank on top, rank 1 on the left. */
    private JFreeChart rankInterval(Style style, Data data)
    {
        String series = data.series().keySet().iterator().next();
        List<Double> ranks = data.series().get(series);
        int n = data.categories().size();
        Number[][] starts = new Number[1][n];
        Number[][] ends = new Number[1][n];
        DefaultCategoryDataset points = new DefaultCategoryDataset();
        double peers = 1;
        for (int i = 0; i < n; i++) {
            // A bar from the 5% to the 95% rank, widened by a quarter rank each side so a certain rank still shows.
            starts[0][i] = data.low().get(i) == null ? null : data.low().get(i) - 0.25;
            ends[0][i] = data.high().get(i) == null ? null : data.high().get(i) + 0.25;
            points.addValue(ranks.get(i), series, data.categories().get(i));
            peers = Math.max(peers, data.high().get(i) == null ? 0 : data.high().get(i));
            peers = Math.max(peers, ranks.get(i) == null ? 0 : ranks.get(i));
        }
        DefaultIntervalCategoryDataset intervals = new DefaultIntervalCategoryDataset(new String[] {style.intervalLabel()},
                data.categories().toArray(new String[0]), starts, ends);
        CategoryPlot plot = new CategoryPlot(intervals, new CategoryAxis(), new NumberAxis(style.axisLabel()), new IntervalBarRenderer());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        LineAndShapeRenderer dots = new LineAndShapeRenderer(false, true);
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        JFreeChart chart = new JFreeChart(style.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        // The theme first: it resets series colours.
        theme.apply(chart);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 8, 4, 24));
        IntervalBarRenderer bars = (IntervalBarRenderer) plot.getRenderer();
        bars.setSeriesPaint(0, INTERVAL);
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setMaximumBarWidth(0.5);
        dots.setSeriesPaint(0, BAR);
        dots.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-5, -5, 10, 10));
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setRange(0.5, peers + 0.5);
        return chart;
    }

    private static NumberFormat percentFormat()
    {
        return new java.text.DecimalFormat("0.#%");
    }

    /** Tick sizes for rates, labelled as whole per cents (half per cents below 1%); new per chart, as formats are not thread-safe. */
    private static TickUnits percentUnits()
    {
        TickUnits units = new TickUnits();
        for (double size : new double[] {0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0}) {
            units.add(new NumberTickUnit(size, new java.text.DecimalFormat(size < 0.01 ? "0.0%" : "0%")));
        }
        return units;
    }

    public static Rendered render(JFreeChart chart)
            throws IOException
    {
        BufferedImage image = new BufferedImage(WIDTH * 2, HEIGHT * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.scale(2, 2);
        chart.draw(graphics, new java.awt.geom.Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(svg, new java.awt.geom.Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        return new Rendered(png.toByteArray(), svg.getSVGDocument());
    }

    /** Writes charts/NAME.png and charts/NAME.svg. */
    public static void write(Rendered rendered, Path directory, String name)
            throws IOException
    {
        Files.createDirectories(directory);
        Files.write(directory.resolve(name + ".png"), rendered.png());
        Files.writeString(directory.resolve(name + ".svg"), rendered.svg(), StandardCharsets.UTF_8);
    }
}
