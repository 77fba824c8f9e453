package org.zhijian.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;
import static java.util.Objects.requireNonNullElse;

/**
 * What a chart shows, one record per kind with only the fields that kind draws; {@link Charts}
 * draws every kind with one theme. Titles and labels are already in the report's language.
 */
public sealed interface Chart
        permits Chart.Bars, Chart.Line, Chart.Stacked, Chart.RankIntervals, Chart.Tornado, Chart.Fan, Chart.TileMap
{
    String title();

    /** Categories (or periods) in order and, per named series, one value per category, null where there is none. */
    record Series(List<String> categories, Map<String, List<Double>> values)
    {
        public Series
        {
            categories = List.copyOf(categories);
            Map<String, List<Double>> copy = new LinkedHashMap<>();
            for (Map.Entry<String, List<Double>> series : values.entrySet()) {
                if (series.getValue().size() != categories.size()) {
                    throw new IllegalArgumentException("series " + series.getKey() + " has " + series.getValue().size() + " values for " + categories.size() + " categories");
                }
                copy.put(series.getKey(), nullable(series.getValue()));
            }
            values = Collections.unmodifiableMap(copy);
        }

        public static Series of(List<String> categories, String name, List<Double> values)
        {
            return new Series(categories, Map.of(name, values));
        }
    }

    /** How values read: as per cents or plain numbers, and the pattern of the values written on bars. */
    record Scale(boolean percent, String valueFormat)
    {
        public static final Scale PERCENT = new Scale(true, "0.0%");
        public static final Scale COUNT = new Scale(false, "#,##0");

        public Scale
        {
            requireNonNull(valueFormat, "valueFormat is null");
        }
    }

    /** A dashed line at a target value, labelled with its name and value. */
    record Target(double value, String label)
    {
        public Target
        {
            requireNonNull(label, "label is null");
        }
    }

    /** Bars per category, side by side per series; horizontal bars put long names on the left. One series writes each bar's value on it. */
    record Bars(String title, String axisLabel, Series series, boolean horizontal, Scale scale, Optional<Target> target, List<Color> colors)
            implements Chart
    {
        public Bars
        {
            requireNonNull(series, "series is null");
            requireNonNull(scale, "scale is null");
            target = requireNonNullElse(target, Optional.empty());
            colors = List.copyOf(requireNonNullElse(colors, List.of()));
        }
    }

    /** One line per series over the categories (periods), on a scale fitted to the values rather than from zero. */
    record Line(String title, String axisLabel, Series series, boolean percent, Optional<Target> target, List<Color> colors)
            implements Chart
    {
        public Line
        {
            requireNonNull(series, "series is null");
            target = requireNonNullElse(target, Optional.empty());
            colors = List.copyOf(requireNonNullElse(colors, List.of()));
        }
    }

    /** The series stacked into one bar per category. */
    record Stacked(String title, String axisLabel, Series series, boolean horizontal, Scale scale, Optional<Target> target, List<Color> colors)
            implements Chart
    {
        public Stacked
        {
            requireNonNull(series, "series is null");
            requireNonNull(scale, "scale is null");
            target = requireNonNullElse(target, Optional.empty());
            colors = List.copyOf(requireNonNullElse(colors, List.of()));
        }
    }

    /** Ranks as dots with their intervals (e.g. the 5% and 95% ranks of a Monte Carlo) as bars, best rank on top. */
    record RankIntervals(String title, String axisLabel, String rankLabel, String intervalLabel, List<String> categories, List<Double> ranks, List<Double> low,
            List<Double> high)
            implements Chart
    {
        public RankIntervals
        {
            categories = List.copyOf(categories);
            ranks = nullable(ranks);
            low = nullable(low);
            high = nullable(high);
            if (ranks.size() != categories.size() || low.size() != categories.size() || high.size() != categories.size()) {
                throw new IllegalArgumentException("a rank interval chart needs one rank, low and high per category");
            }
        }
    }

    /** Per category (an assumption) a bar each side of zero: the change it makes moved down (first series) and up (second), on an axis symmetric around zero. */
    record Tornado(String title, String axisLabel, String valueFormat, Series series, List<Color> colors)
            implements Chart
    {
        public Tornado
        {
            requireNonNull(series, "series is null");
            requireNonNull(valueFormat, "valueFormat is null");
            colors = List.copyOf(requireNonNullElse(colors, List.of()));
        }
    }

    /** Names of a fan chart's series: outer band, inner band, median and actual. */
    record FanLabels(String outer, String inner, String median, String actual) {}

    /**
     * A fan over periods (years, quarters — labels in order): an outer and an inner band and the
     * median line of a projection (null where it has none), the actual values (null where there
     * are none) and a target or threshold as a dashed line.
     */
    record Fan(String title, String axisLabel, boolean percent, List<String> periods, List<Double> p5, List<Double> p25, List<Double> p50, List<Double> p75,
            List<Double> p95, List<Double> actual, Optional<Target> target, FanLabels labels)
            implements Chart
    {
        public Fan
        {
            periods = List.copyOf(periods);
            p5 = nullable(p5);
            p25 = nullable(p25);
            p50 = nullable(p50);
            p75 = nullable(p75);
            p95 = nullable(p95);
            actual = nullable(actual);
            for (List<Double> values : List.of(p5, p25, p50, p75, p95, actual)) {
                if (values.size() != periods.size()) {
                    throw new IllegalArgumentException("a fan chart needs one value per period in every series");
                }
            }
            target = requireNonNullElse(target, Optional.empty());
            requireNonNull(labels, "labels is null");
        }
    }

    /**
     * A county on a tile map: its code, label, city (code and name), the grid cell it sits on and
     * its value, null when it has none (drawn hatched, not as zero).
     */
    record Tile(String code, String label, String group, String groupName, int row, int column, Double value)
    {
        public Tile
        {
            requireNonNull(code, "code is null");
            requireNonNull(label, "label is null");
            requireNonNull(group, "group is null");
            requireNonNull(groupName, "groupName is null");
        }

        /** A county's name short enough for its tile: 上城区 → 上城, 景宁畲族自治县 → 景宁; a two-character name stays whole. */
        public static String shortName(String name)
        {
            if (name.endsWith("自治县") && name.length() > 5) {
                return name.substring(0, 2);
            }
            return name.length() > 2 && (name.endsWith("区") || name.endsWith("县") || name.endsWith("市")) ? name.substring(0, name.length() - 1) : name;
        }
    }

    /**
     * One tile per county, placed roughly where it lies (conf/reference/county_tiles.csv), outlined
     * by city, coloured by its value in classes either side of the threshold (which the legend
     * marks), each as wide as the band from the threshold to {@code good} (the indicator's green
     * bound) where there is one; {@code higherIsBetter} says which side is the good one.
     */
    record TileMap(String title, String axisLabel, List<Tile> tiles, Scale scale, Optional<Target> threshold, Optional<Double> good, boolean higherIsBetter,
            String noDataLabel)
            implements Chart
    {
        public TileMap
        {
            tiles = List.copyOf(tiles);
            requireNonNull(scale, "scale is null");
            threshold = requireNonNullElse(threshold, Optional.empty());
            good = requireNonNullElse(good, Optional.empty());
            requireNonNull(noDataLabel, "noDataLabel is null");
            java.util.Set<String> cells = new java.util.HashSet<>();
            for (Tile tile : tiles) {
                if (!cells.add(tile.row() + "," + tile.column())) {
                    throw new IllegalArgumentException("two tiles on row " + tile.row() + ", column " + tile.column());
                }
            }
        }
    }

    /** An unmodifiable copy that keeps nulls (List.copyOf refuses them). */
    private static List<Double> nullable(List<Double> values)
    {
        return Collections.unmodifiableList(new ArrayList<>(values));
    }
}
