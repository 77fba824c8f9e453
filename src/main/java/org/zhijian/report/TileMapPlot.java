package org.zhijian.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;

import static java.util.Objects.requireNonNull;

/**
 * Draws a {@link Chart.TileMap} inside a JFreeChart, so it is titled, themed, placed in the
 * workbook and written as PNG and SVG like every other chart: one square per county on its grid
 * cell, a thick line where a city ends, the county's short name and value on its tile, and a
 * legend of the colour classes with the threshold marked. A county without a value is hatched.
 */
final class TileMapPlot
        extends Plot
{
    private static final long serialVersionUID = 1L;
    /** Below the threshold, worst first; at or above it, from just above to best. */
    private static final Color[] BAD = {new Color(0xC0392B), new Color(0xF0A35E)};
    private static final Color[] GOOD = {new Color(0xC6DBEF), new Color(0x6BAED6), new Color(0x2171B5)};
    private static final Color[] PLAIN = {new Color(0xDEEBF7), new Color(0xC6DBEF), new Color(0x9ECAE1), new Color(0x6BAED6), new Color(0x3182BD)};
    private static final Color NO_DATA = new Color(0xF2F2F2);
    private static final Color HATCH = new Color(0xA6A6A6);
    private static final Color OUTLINE = new Color(0x404040);
    private static final double LEGEND_HEIGHT = 44;

    private final Chart.TileMap map;
    private final Font font;
    private final Font small;
    private final List<ColourClass> classes;

    /** A class of values drawn in one colour: from {@code low} (inclusive) to {@code high}. */
    record ColourClass(double low, double high, Color colour) {}

    TileMapPlot(Chart.TileMap map, Font font, Font small)
    {
        this.map = requireNonNull(map, "map is null");
        this.font = requireNonNull(font, "font is null");
        this.small = requireNonNull(small, "small is null");
        this.classes = classes(map);
    }

    @Override
    public String getPlotType()
    {
        return "Tile map";
    }

    /**
     * The colour classes. With a threshold: two on its bad side and three on its good side, each
     * one band wide — the band from the threshold to the green bound (sampling: 90% to 95%), or a
     * fifth of the values' range without one — so that a map of one period reads like the next and
     * the classes agree with the status colours; the outermost classes are open. Without a
     * threshold: five even classes from the lowest value to the highest.
     */
    static List<ColourClass> classes(Chart.TileMap map)
    {
        double low = map.tiles().stream().filter(tile -> tile.value() != null).mapToDouble(Chart.Tile::value).min().orElse(0);
        double high = map.tiles().stream().filter(tile -> tile.value() != null).mapToDouble(Chart.Tile::value).max().orElse(1);
        List<ColourClass> classes = new ArrayList<>();
        if (map.threshold().isEmpty()) {
            double step = Math.max(high - low, 1e-9) / PLAIN.length;
            for (int i = 0; i < PLAIN.length; i++) {
                classes.add(new ColourClass(low + i * step, i == PLAIN.length - 1 ? Double.POSITIVE_INFINITY : low + (i + 1) * step, PLAIN[i]));
            }
            return classes;
        }
        double threshold = map.threshold().get().value();
        double band = map.good().map(good -> Math.abs(good - threshold)).filter(width -> width > 0).orElse(Math.max(high - low, 1e-9) / 5);
        Color[] under = map.higherIsBetter() ? BAD : reversed(GOOD);
        Color[] over = map.higherIsBetter() ? GOOD : reversed(BAD);
        double start = threshold - under.length * band;
        for (int i = 0; i < under.length + over.length; i++) {
            double from = i == 0 ? Double.NEGATIVE_INFINITY : start + i * band;
            double to = i == under.length + over.length - 1 ? Double.POSITIVE_INFINITY : start + (i + 1) * band;
            classes.add(new ColourClass(from, to, i < under.length ? under[i] : over[i - under.length]));
        }
        return classes;
    }

    private static Color[] reversed(Color[] colours)
    {
        Color[] reversed = new Color[colours.length];
        for (int i = 0; i < colours.length; i++) {
            reversed[i] = colours[colours.length - 1 - i];
        }
        return reversed;
    }

    /** The colour of a value, by its class. */
    Color colour(double value)
    {
        for (ColourClass colourClass : classes) {
            if (value < colourClass.high()) {
                return colourClass.colour();
            }
        }
        return classes.get(classes.size() - 1).colour();
    }

    @Override
    public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, PlotState parentState, PlotRenderingInfo info)
    {
        getInsets().trim(area);
        int rows = map.tiles().stream().mapToInt(Chart.Tile::row).max().orElse(0) + 1;
        int columns = map.tiles().stream().mapToInt(Chart.Tile::column).max().orElse(0) + 1;
        double size = Math.min(area.getWidth() / columns, (area.getHeight() - LEGEND_HEIGHT) / rows);
        double left = area.getX() + (area.getWidth() - size * columns) / 2;
        double top = area.getY();
        Map<String, Chart.Tile> byCell = new HashMap<>();
        map.tiles().forEach(tile -> byCell.put(tile.row() + "," + tile.column(), tile));
        DecimalFormat format = new DecimalFormat(map.scale().percent() ? "0.0%" : map.scale().valueFormat());
        double gap = 1.5;
        for (Chart.Tile tile : map.tiles()) {
            Rectangle2D box = new Rectangle2D.Double(left + tile.column() * size + gap, top + tile.row() * size + gap, size - 2 * gap, size - 2 * gap);
            if (tile.value() == null) {
                hatch(g2, box);
            }
            else {
                g2.setPaint(colour(tile.value()));
                g2.fill(box);
            }
            Color ink = tile.value() != null && dark(colour(tile.value())) ? Color.WHITE : Color.BLACK;
            label(g2, tile.label(), font, ink, box.getCenterX(), box.getY() + box.getHeight() * 0.42, box.getWidth());
            label(g2, tile.value() == null ? "—" : format.format(tile.value()), small, ink, box.getCenterX(), box.getY() + box.getHeight() * 0.78, box.getWidth());
        }
        // A city's outline: each tile side whose neighbour lies in another city, or in none.
        g2.setPaint(OUTLINE);
        g2.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Chart.Tile tile : map.tiles()) {
            double x = left + tile.column() * size;
            double y = top + tile.row() * size;
            if (!sameCity(tile, byCell.get((tile.row() - 1) + "," + tile.column()))) {
                g2.draw(new Line2D.Double(x, y, x + size, y));
            }
            if (!sameCity(tile, byCell.get((tile.row() + 1) + "," + tile.column()))) {
                g2.draw(new Line2D.Double(x, y + size, x + size, y + size));
            }
            if (!sameCity(tile, byCell.get(tile.row() + "," + (tile.column() - 1)))) {
                g2.draw(new Line2D.Double(x, y, x, y + size));
            }
            if (!sameCity(tile, byCell.get(tile.row() + "," + (tile.column() + 1)))) {
                g2.draw(new Line2D.Double(x + size, y, x + size, y + size));
            }
        }
        legend(g2, new Rectangle2D.Double(area.getX(), top + rows * size + 8, area.getWidth(), LEGEND_HEIGHT - 8), format);
    }

    private static boolean sameCity(Chart.Tile tile, Chart.Tile neighbour)
    {
        return neighbour != null && neighbour.group().equals(tile.group());
    }

    private static boolean dark(Color colour)
    {
        return 0.299 * colour.getRed() + 0.587 * colour.getGreen() + 0.114 * colour.getBlue() < 140;
    }

    /** Light grey with thin diagonal lines: no value, which is not zero. */
    private static void hatch(Graphics2D g2, Rectangle2D box)
    {
        g2.setPaint(NO_DATA);
        g2.fill(box);
        Shape clip = g2.getClip();
        g2.clip(box);
        g2.setPaint(HATCH);
        g2.setStroke(new BasicStroke(1f));
        for (double offset = -box.getHeight(); offset < box.getWidth(); offset += 6) {
            g2.draw(new Line2D.Double(box.getX() + offset, box.getMaxY(), box.getX() + offset + box.getHeight(), box.getY()));
        }
        g2.setClip(clip);
    }

    /** A text centred on (x, y), its font shrunk until it fits the width. */
    private static void label(Graphics2D g2, String text, Font font, Color ink, double x, double y, double width)
    {
        Font fitted = font;
        FontMetrics metrics = g2.getFontMetrics(fitted);
        while (metrics.stringWidth(text) > width - 4 && fitted.getSize2D() > 6) {
            fitted = fitted.deriveFont(fitted.getSize2D() - 0.5f);
            metrics = g2.getFontMetrics(fitted);
        }
        g2.setFont(fitted);
        g2.setPaint(ink);
        g2.drawString(text, (float) (x - metrics.stringWidth(text) / 2.0), (float) (y + metrics.getAscent() / 2.0 - 1));
    }

    /** The classes as swatches with their lower bounds, the threshold's named, then the hatched "no data". */
    private void legend(Graphics2D g2, Rectangle2D area, DecimalFormat format)
    {
        double swatch = 14;
        double x = area.getX() + 8;
        double y = area.getY();
        g2.setFont(small);
        FontMetrics metrics = g2.getFontMetrics(small);
        if (map.axisLabel() != null) {
            g2.setPaint(Color.BLACK);
            g2.drawString(map.axisLabel(), (float) x, (float) (y + swatch - 2));
            x += metrics.stringWidth(map.axisLabel()) + 10;
        }
        for (ColourClass colourClass : classes) {
            g2.setPaint(colourClass.colour());
            g2.fill(new Rectangle2D.Double(x, y, swatch, swatch));
            String bound = Double.isInfinite(colourClass.low()) ? "< " + format.format(colourClass.high()) : "≥ " + format.format(colourClass.low());
            boolean threshold = map.threshold().isPresent() && colourClass.low() == map.threshold().get().value();
            if (threshold) {
                bound = map.threshold().get().label() + " " + bound;
            }
            g2.setPaint(threshold ? new Color(0xC00000) : Color.BLACK);
            g2.drawString(bound, (float) (x + swatch + 4), (float) (y + swatch - 2));
            if (threshold) {
                // The threshold's edge, as the charts' target line: red and dashed.
                g2.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 2f}, 0f));
                g2.draw(new Line2D.Double(x - 1, y - 3, x - 1, y + swatch + 3));
            }
            x += swatch + 4 + metrics.stringWidth(bound) + 12;
        }
        hatch(g2, new Rectangle2D.Double(x, y, swatch, swatch));
        g2.setPaint(Color.BLACK);
        g2.drawString(map.noDataLabel(), (float) (x + swatch + 4), (float) (y + swatch - 2));
    }
}
