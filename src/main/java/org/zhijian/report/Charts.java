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
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    /** A tile map is taller: its grid of 12 rows wants squares large enough for a county's name and value. */
    public static final int MAP_HEIGHT = 660;
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

    /**
     * A chart rendered to PNG bytes (2×) and SVG text, the same SVG as an element to place inline
     * in a page (scaled by its view box, its ids prefixed with the chart's name so that several
     * charts on one page keep their clip paths apart), and its size in CSS pixels.
     */
    public record Rendered(byte[] png, String svg, String inlineSvg, int width, int height) {}

    /** The size a chart of this kind is drawn at. */
    public static java.awt.Dimension size(Chart chart)
    {
        return new java.awt.Dimension(WIDTH, chart instanceof Chart.TileMap ? MAP_HEIGHT : HEIGHT);
    }

    /** The chart of any kind, drawn with the theme. */
    public JFreeChart draw(Chart chart)
    {
        if (chart instanceof Chart.Bars bars) {
            return categories(CategoryKind.BARS, bars.title(), bars.axisLabel(), bars.series(), bars.horizontal(), bars.scale(), bars.target(), bars.colors());
        }
        if (chart instanceof Chart.Line line) {
            return categories(CategoryKind.LINE, line.title(), line.axisLabel(), line.series(), false, new Chart.Scale(line.percent(), line.percent() ? "0.0%" : "#,##0"),
                    line.target(), line.colors());
        }
        if (chart instanceof Chart.Stacked stacked) {
            return categories(CategoryKind.STACKED, stacked.title(), stacked.axisLabel(), stacked.series(), stacked.horizontal(), stacked.scale(), stacked.target(),
                    stacked.colors());
        }
        if (chart instanceof Chart.RankIntervals ranks) {
            return rankIntervals(ranks);
        }
        if (chart instanceof Chart.Tornado tornado) {
            return tornado(tornado);
        }
        if (chart instanceof Chart.Fan fan) {
            return fan(fan);
        }
        if (chart instanceof Chart.TileMap map) {
            JFreeChart drawn = new JFreeChart(map.title(), theme.getExtraLargeFont(), new TileMapPlot(map, theme.getRegularFont(), theme.getSmallFont()), false);
            theme.apply(drawn);
            drawn.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 8, 4, 8));
            return drawn;
        }
        throw new IllegalArgumentException("no drawing for " + chart.getClass().getSimpleName());
    }

    /** The kinds drawn on a category plot. */
    private enum CategoryKind
    {
        BARS, LINE, STACKED
    }

    private JFreeChart categories(CategoryKind kind, String title, String axisLabel, Chart.Series series, boolean horizontal, Chart.Scale scale,
            Optional<Chart.Target> target, List<Color> colors)
    {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        series.values().forEach((name, values) -> {
            for (int i = 0; i < series.categories().size(); i++) {
                dataset.addValue(values.get(i), name, series.categories().get(i));
            }
        });
        boolean legend = series.values().size() > 1;
        PlotOrientation orientation = horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL;
        JFreeChart chart = switch (kind) {
            case LINE -> ChartFactory.createLineChart(title, null, axisLabel, dataset, orientation, legend, false, false);
            case STACKED -> ChartFactory.createStackedBarChart(title, null, axisLabel, dataset, orientation, legend, false, false);
            case BARS -> ChartFactory.createBarChart(title, null, axisLabel, dataset, orientation, legend, false, false);
        };
        theme.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        CategoryItemRenderer renderer = plot.getRenderer();
        for (int i = 0; i < series.values().size(); i++) {
            renderer.setSeriesPaint(i, i < colors.size() ? colors.get(i) : PALETTE[i % PALETTE.length]);
        }
        if (renderer instanceof LineAndShapeRenderer line) {
            line.setDefaultShapesVisible(true);
            for (int i = 0; i < series.values().size(); i++) {
                line.setSeriesStroke(i, new BasicStroke(2f));
            }
        }
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setStandardTickUnits(scale.percent() ? percentUnits() : NumberAxis.createIntegerTickUnits());
        if (!legend && kind != CategoryKind.LINE) {
            // One series: each bar carries its value.
            renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat(scale.valueFormat())));
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultItemLabelFont(theme.getSmallFont());
        }
        // Inside the plot: at the top right of a horizontal line, at the bottom left of a vertical one.
        target.ifPresent(line -> plot.addRangeMarker(targetMarker(line, scale.percent(), horizontal ? RectangleAnchor.BOTTOM_LEFT : RectangleAnchor.TOP_RIGHT,
                TextAnchor.BOTTOM_RIGHT)));
        range(axis, kind, horizontal, scale.percent(), series, target);
        if (horizontal) {
            plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
            // Long names (English indicator and category names) keep up to 40% of the width before "…".
            plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.4f);
        }
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 8, 4, 24));
        if (!horizontal) {
            int longest = series.categories().stream().mapToInt(String::length).max().orElse(0);
            if (longest * series.categories().size() > 70 || series.categories().size() > 10 && longest > 4) {
                plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            }
        }
        if (legend) {
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }

    /** The dashed target line, labelled "target 95%", placed by the anchors given. */
    private ValueMarker targetMarker(Chart.Target target, boolean percent, RectangleAnchor anchor, TextAnchor textAnchor)
    {
        ValueMarker marker = new ValueMarker(target.value(), TARGET, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        marker.setLabel(target.label() + " " + (percent ? percentFormat() : new java.text.DecimalFormat("#,##0.##")).format(target.value()));
        marker.setLabelFont(theme.getSmallFont());
        marker.setLabelPaint(TARGET);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        marker.setLabelAnchor(anchor);
        marker.setLabelTextAnchor(textAnchor);
        return marker;
    }

    /**
     * Rates near 90% are compared on a scale that starts a little below the lowest (and the
     * target), not at zero; other values start at zero, with room above for the bars' labels.
     */
    private static void range(NumberAxis axis, CategoryKind kind, boolean horizontal, boolean percent, Chart.Series series, Optional<Chart.Target> target)
    {
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (int i = 0; i < series.categories().size(); i++) {
            double sum = 0;
            for (List<Double> values : series.values().values()) {
                Double value = values.get(i);
                if (value != null) {
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                    sum += value;
                }
            }
            if (kind == CategoryKind.STACKED) {
                high = Math.max(high, sum);
            }
        }
        if (target.isPresent()) {
            low = Math.min(low, target.get().value());
            high = Math.max(high, target.get().value());
        }
        if (low == Double.MAX_VALUE) {
            return;
        }
        boolean labelledBars = kind == CategoryKind.BARS && horizontal;
        if (percent && low > 0.5) {
            // Rates stop at 100%; shares of a target may pass it. Horizontal bars keep room for their labels.
            double lower = Math.floor((low - 0.03) * 20) / 20;
            double upper = Math.ceil((high + 0.01) * 100) / 100;
            if (labelledBars) {
                upper = high + (high - lower) * 0.12;
            }
            axis.setRange(lower, high <= 1.0 && !labelledBars ? Math.min(1.0, upper) : upper);
        }
        else if (kind == CategoryKind.LINE) {
            axis.setAutoRangeIncludesZero(false);
            double pad = Math.max((high - low) * 0.15, percent ? 0.01 : 1);
            axis.setRange(Math.max(0, low - pad), high + pad);
        }
        else if (percent && high <= 1) {
            axis.setRange(0, Math.min(1.1, Math.max(0.1, high * 1.12)));
        }
        else {
            axis.setRange(0, high <= 0 ? 1 : high * 1.12);
        }
    }

    /** Stacked horizontal bars from zero, on one axis symmetric around zero, with a line at zero. */
    private JFreeChart tornado(Chart.Tornado tornado)
    {
        JFreeChart chart = categories(CategoryKind.STACKED, tornado.title(), tornado.axisLabel(), tornado.series(), true, new Chart.Scale(false, tornado.valueFormat()),
                Optional.empty(), tornado.colors());
        CategoryPlot plot = chart.getCategoryPlot();
        double reach = 0;
        for (List<Double> values : tornado.series().values().values()) {
            for (Double value : values) {
                reach = Math.max(reach, value == null ? 0 : Math.abs(value));
            }
        }
        reach = reach == 0 ? 1 : reach * 1.15;
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setStandardTickUnits(NumberAxis.createStandardTickUnits());
        axis.setNumberFormatOverride(new java.text.DecimalFormat(tornado.valueFormat()));
        axis.setRange(-reach, reach);
        plot.addRangeMarker(new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1f)));
        return chart;
    }

    /** The bands as areas, the median and the history as lines, the target dashed. */
    private JFreeChart fan(Chart.Fan fan)
    {
        Chart.FanLabels labels = fan.labels();
        org.jfree.data.xy.YIntervalSeries outer = new org.jfree.data.xy.YIntervalSeries(labels.outer());
        org.jfree.data.xy.YIntervalSeries inner = new org.jfree.data.xy.YIntervalSeries(labels.inner());
        org.jfree.data.xy.YIntervalSeries median = new org.jfree.data.xy.YIntervalSeries(labels.median());
        org.jfree.data.xy.YIntervalSeries actual = new org.jfree.data.xy.YIntervalSeries(labels.actual());
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (int i = 0; i < fan.periods().size(); i++) {
            // Periods sit at 0, 1, 2 … on an axis that shows their labels.
            int year = i;
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
        org.jfree.chart.axis.SymbolAxis years = new org.jfree.chart.axis.SymbolAxis(null, fan.periods().toArray(new String[0]));
        years.setGridBandsVisible(false);
        years.setRange(-0.3, Math.max(1, fan.periods().size() - 1) + 0.3);
        int longest = fan.periods().stream().mapToInt(String::length).max().orElse(0);
        // Quarters (2026-Q1) run vertical beyond ten or so; years fit side by side.
        if (fan.periods().size() * longest > 60) {
            years.setVerticalTickLabels(true);
        }
        NumberAxis values = new NumberAxis(fan.axisLabel());
        values.setAutoRangeIncludesZero(false);
        org.jfree.chart.renderer.xy.DeviationRenderer renderer = new org.jfree.chart.renderer.xy.DeviationRenderer(true, false);
        org.jfree.chart.plot.XYPlot plot = new org.jfree.chart.plot.XYPlot(dataset, years, values, renderer);
        JFreeChart chart = new JFreeChart(fan.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
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
        if (fan.target().isPresent()) {
            // At the left, above the line: the bands widen to the right.
            plot.addRangeMarker(targetMarker(fan.target().get(), fan.percent(), RectangleAnchor.TOP_LEFT, TextAnchor.BOTTOM_LEFT));
            low = Math.min(low, fan.target().get().value());
            high = Math.max(high, fan.target().get().value());
        }
        if (low != Double.MAX_VALUE) {
            double pad = Math.max((high - low) * 0.08, fan.percent() ? 0.005 : 1);
            values.setRange(Math.max(0, low - pad), high + pad);
        }
        if (fan.percent()) {
            values.setStandardTickUnits(percentUnits());
        }
        else {
            values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            values.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
        }
        // The bands draw no line, so their legend items would be blank: squares in the bands' colours instead.
        org.jfree.chart.LegendItemCollection legend = new org.jfree.chart.LegendItemCollection();
        java.awt.Shape square = new java.awt.geom.Rectangle2D.Double(-6, -6, 12, 12);
        legend.add(new org.jfree.chart.LegendItem(labels.outer(), null, null, null, square, new Color(0xBDD7EE)));
        legend.add(new org.jfree.chart.LegendItem(labels.inner(), null, null, null, square, new Color(0x6FA8DC)));
        legend.add(new org.jfree.chart.LegendItem(labels.median(), null, null, null, new java.awt.geom.Line2D.Double(-8, 0, 8, 0), new BasicStroke(2.5f), BAR));
        legend.add(new org.jfree.chart.LegendItem(labels.actual(), null, null, null, true, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6), true, Color.DARK_GRAY,
                false, Color.DARK_GRAY, new BasicStroke(1f), true, new java.awt.geom.Line2D.Double(-8, 0, 8, 0), new BasicStroke(2f), Color.DARK_GRAY));
        plot.setFixedLegendItems(legend);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 8, 4, 24));
        return chart;
    }

    /** Ranks as dots and their intervals as bars, best rank on top, rank 1 on the left. */
    private JFreeChart rankIntervals(Chart.RankIntervals data)
    {
        int n = data.categories().size();
        Number[][] starts = new Number[1][n];
        Number[][] ends = new Number[1][n];
        DefaultCategoryDataset points = new DefaultCategoryDataset();
        double peers = 1;
        for (int i = 0; i < n; i++) {
            // A bar from the 5% to the 95% rank, widened by a quarter rank each side so a certain rank still shows.
            starts[0][i] = data.low().get(i) == null ? null : data.low().get(i) - 0.25;
            ends[0][i] = data.high().get(i) == null ? null : data.high().get(i) + 0.25;
            points.addValue(data.ranks().get(i), data.rankLabel(), data.categories().get(i));
            peers = Math.max(peers, data.high().get(i) == null ? 0 : data.high().get(i));
            peers = Math.max(peers, data.ranks().get(i) == null ? 0 : data.ranks().get(i));
        }
        DefaultIntervalCategoryDataset intervals = new DefaultIntervalCategoryDataset(new String[] {data.intervalLabel()},
                data.categories().toArray(new String[0]), starts, ends);
        CategoryPlot plot = new CategoryPlot(intervals, new CategoryAxis(), new NumberAxis(data.axisLabel()), new IntervalBarRenderer());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        LineAndShapeRenderer dots = new LineAndShapeRenderer(false, true);
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        JFreeChart chart = new JFreeChart(data.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
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
        return render(chart, new java.awt.Dimension(WIDTH, HEIGHT));
    }

    public static Rendered render(JFreeChart chart, java.awt.Dimension size)
            throws IOException
    {
        return render(chart, size, "chart");
    }

    /** {@code name} prefixes the SVG's ids and is the inline element's id. */
    public static Rendered render(JFreeChart chart, java.awt.Dimension size, String name)
            throws IOException
    {
        int width = size.width;
        int height = size.height;
        BufferedImage image = new BufferedImage(width * 2, height * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.scale(2, 2);
        chart.draw(graphics, new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        svg.setDefsKeyPrefix(name + "-");
        chart.draw(svg, new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
        String inline = svg.getSVGElement("chart-" + name, false, new org.jfree.svg.ViewBox(0, 0, width, height), null, null);
        return new Rendered(png.toByteArray(), svg.getSVGDocument(), inline, width, height);
    }

    /**
     * Draws and renders charts by name, two at a time (drawing is single-threaded and the
     * brief's charts are a dozen), in the order given.
     */
    public Map<String, Rendered> renderAll(Map<String, Chart> charts)
            throws IOException
    {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "report-chart");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, java.util.concurrent.Future<Rendered>> futures = new java.util.LinkedHashMap<>();
            charts.forEach((name, chart) -> futures.put(name, pool.submit(() -> render(draw(chart), size(chart), name))));
            Map<String, Rendered> rendered = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, java.util.concurrent.Future<Rendered>> future : futures.entrySet()) {
                rendered.put(future.getKey(), await(future.getValue()));
            }
            return rendered;
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** A chart being rendered, once it is: its failure as the IOException or runtime exception it was. */
    static Rendered await(java.util.concurrent.Future<Rendered> image)
            throws IOException
    {
        try {
            return image.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while drawing charts");
        }
        catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException cause) {
                throw cause;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    /** Writes every chart as {@code NAME<suffix>.png} and {@code .svg} under {@code directory}; returns the files. */
    public static List<Path> writeAll(Map<String, Rendered> charts, Path directory, String suffix)
            throws IOException
    {
        List<Path> written = new java.util.ArrayList<>();
        for (Map.Entry<String, Rendered> chart : charts.entrySet()) {
            String name = chart.getKey() + suffix;
            write(chart.getValue(), directory, name);
            written.add(directory.resolve(name + ".png"));
            written.add(directory.resolve(name + ".svg"));
        }
        return written;
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
