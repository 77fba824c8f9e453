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
import java.util.Locale;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
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

    /** Vertical bars of a rate per category (city), with the target as a red line. */
    public JFreeChart rateBars(String title, String axisLabel, java.util.Map<String, Double> values, Double target, String targetLabel)
    {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        values.forEach((category, value) -> dataset.addValue(value, axisLabel, category));
        JFreeChart chart = ChartFactory.createBarChart(title, null, axisLabel, dataset, PlotOrientation.VERTICAL, false, false, false);
        theme.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        ((BarRenderer) plot.getRenderer()).setSeriesPaint(0, BAR);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
        double low = values.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        if (target != null) {
            low = Math.min(low, target);
            ValueMarker marker = new ValueMarker(target, TARGET, new BasicStroke(1.5f));
            marker.setLabel(targetLabel);
            marker.setLabelFont(theme.getRegularFont());
            marker.setLabelPaint(TARGET);
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(marker);
        }
        // Rates near 90% are compared on a scale that starts below the lowest, not at zero.
        axis.setRange(Math.max(0, Math.floor((low - 0.05) * 20) / 20), 1.0);
        return chart;
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
