package org.zhijian.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.IntervalCategoryDataset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each chart kind as drawn: its plot, series, categories, axis range and target line. */
class TestCharts
{
    private static final Charts CHARTS = new Charts(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    private static final List<String> CITIES = List.of("Hangzhou", "Ningbo", "Wenzhou");
    private static final Chart.Target TARGET = new Chart.Target(0.95, "Target");

    /** One example of every kind, drawn and rendered by the tests below. */
    private static final Map<Class<?>, Chart> EXAMPLES = examples();

    private static Map<Class<?>, Chart> examples()
    {
        Map<Class<?>, Chart> examples = new LinkedHashMap<>();
        examples.put(Chart.Bars.class, bars(false));
        examples.put(Chart.Line.class, new Chart.Line("Pass rate", null, twoSeries(), true, Optional.of(TARGET), List.of()));
        Map<String, List<Double>> cases = new LinkedHashMap<>();
        cases.put("Open", List.of(3.0, 5.0, 1.0));
        cases.put("Closed", List.of(7.0, 2.0, 4.0));
        examples.put(Chart.Stacked.class, new Chart.Stacked("Cases", "Cases", new Chart.Series(CITIES, cases),
                false, Chart.Scale.COUNT, Optional.empty(), List.of()));
        examples.put(Chart.RankIntervals.class, new Chart.RankIntervals("Ranking", "Rank", "Rank", "P5–P95", CITIES, List.of(1.0, 2.0, 3.0), List.of(1.0, 1.0, 2.0),
                List.of(2.0, 3.0, 3.0)));
        Map<String, List<Double>> moves = new LinkedHashMap<>();
        moves.put("-1 sd", List.of(-2.0, -0.5));
        moves.put("+1 sd", List.of(1.5, 0.4));
        examples.put(Chart.Tornado.class, new Chart.Tornado("Sensitivity", "Change (pp)", "0.0", new Chart.Series(List.of("Growth", "New brands"), moves),
                List.of(Color.ORANGE, Color.BLUE)));
        examples.put(Chart.Fan.class, new Chart.Fan("Brand contribution", null, true, List.of("2023", "2024", "2025", "2026", "2027"),
                Arrays.asList(null, null, 0.30, 0.29, 0.28), Arrays.asList(null, null, 0.30, 0.31, 0.31), Arrays.asList(null, null, 0.30, 0.32, 0.34),
                Arrays.asList(null, null, 0.30, 0.33, 0.36), Arrays.asList(null, null, 0.30, 0.35, 0.40), Arrays.asList(0.27, 0.29, 0.30, null, null),
                Optional.of(new Chart.Target(0.35, "Target")), new Chart.FanLabels("P5–P95", "P25–P75", "Median", "Actual")));
        examples.put(Chart.TileMap.class, tileMap(true));
        return examples;
    }

    /** Four counties of two cities on a 2 × 3 grid: one below the 90% threshold, one at it, one above, one without data. */
    private static Chart.TileMap tileMap(boolean higherIsBetter)
    {
        return new Chart.TileMap("Pass rate by county", "Pass rate", List.of(
                new Chart.Tile("330102", "上城", "330100", "杭州市", 0, 0, 0.80),
                new Chart.Tile("330105", "拱墅", "330100", "杭州市", 0, 1, 0.90),
                new Chart.Tile("330203", "海曙", "330200", "宁波市", 1, 1, 0.97),
                new Chart.Tile("330205", "江北", "330200", "宁波市", 1, 2, null)), Chart.Scale.PERCENT, Optional.of(new Chart.Target(0.90, "Threshold")),
                Optional.of(higherIsBetter ? 0.95 : 0.85), higherIsBetter, "No data");
    }

    @Test
    void aTileMapColoursCountiesByClassEitherSideOfTheThresholdAndHatchesTheOnesWithoutData()
            throws IOException
    {
        TileMapPlot plot = (TileMapPlot) CHARTS.draw(tileMap(true)).getPlot();
        // Two classes below the threshold (reds), three from it up (blues), each as wide as the band from the threshold to green (5 points).
        assertThat(TileMapPlot.classes(tileMap(true))).extracting(colourClass -> Math.rint(colourClass.low() * 1e6) / 1e6)
                .containsExactly(Double.NEGATIVE_INFINITY, 0.85, 0.90, 0.95, 1.00);
        assertThat(plot.colour(0.80)).isEqualTo(new Color(0xC0392B));
        assertThat(plot.colour(0.87)).isEqualTo(new Color(0xF0A35E));
        assertThat(plot.colour(0.90)).isEqualTo(new Color(0xC6DBEF));
        assertThat(plot.colour(0.97)).isEqualTo(new Color(0x6BAED6));
        assertThat(plot.colour(1.00)).isEqualTo(new Color(0x2171B5));
        // Where lower is better (green 85%, threshold 90%), low values take the good colours and high ones the bad.
        TileMapPlot lowerIsBetter = (TileMapPlot) CHARTS.draw(tileMap(false)).getPlot();
        assertThat(lowerIsBetter.colour(0.79)).isEqualTo(new Color(0x2171B5));
        assertThat(lowerIsBetter.colour(0.88)).isEqualTo(new Color(0xC6DBEF));
        assertThat(lowerIsBetter.colour(0.97)).isEqualTo(new Color(0xC0392B));
        Charts.Rendered rendered = Charts.render(CHARTS.draw(tileMap(true)), Charts.size(tileMap(true)), "map");
        assertThat(rendered.height()).isEqualTo(Charts.MAP_HEIGHT);
        // Each county's name and value on its tile, a dash where it has none, the threshold and "no data" in the legend.
        assertThat(rendered.svg()).contains(">上城<", ">80.0%<", ">97.0%<", ">—<", ">Threshold ≥ 90.0%<", ">No data<");
        assertThat(rendered.inlineSvg()).startsWith("<svg").contains("viewBox='0.0 0.0 720.0 660.0'").doesNotContain("<?xml");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Chart.TileMap("t", null, List.of(new Chart.Tile("1", "a", "c", "C", 0, 0, null),
                new Chart.Tile("2", "b", "c", "C", 0, 0, null)), Chart.Scale.PERCENT, Optional.empty(), Optional.empty(), true, "-"))
                .hasMessage("two tiles on row 0, column 0");
    }

    @Test
    void aCountyNameIsShortenedForItsTile()
    {
        assertThat(Chart.Tile.shortName("上城区")).isEqualTo("上城");
        assertThat(Chart.Tile.shortName("景宁畲族自治县")).isEqualTo("景宁");
        assertThat(Chart.Tile.shortName("义乌市")).isEqualTo("义乌");
        assertThat(Chart.Tile.shortName("普陀区")).isEqualTo("普陀");
    }

    private static Chart.Bars bars(boolean horizontal)
    {
        return new Chart.Bars("Pass rate by city", "Pass rate", Chart.Series.of(CITIES, "Pass rate", List.of(0.97, 0.91, 0.88)), horizontal, Chart.Scale.PERCENT,
                Optional.of(TARGET), List.of());
    }

    private static Chart.Series twoSeries()
    {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        values.put("Food", List.of(0.93, 0.95, 0.96));
        values.put("Products", Arrays.asList(0.90, null, 0.92));
        return new Chart.Series(List.of("2023", "2024", "2025"), values);
    }

    @Test
    void everyKindHasAnExampleAndRendersToPngAndSvg()
            throws IOException
    {
        Set<Class<?>> kinds = Arrays.stream(Chart.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertThat(EXAMPLES.keySet()).isEqualTo(kinds);
        for (Chart chart : EXAMPLES.values()) {
            Charts.Rendered rendered = Charts.render(CHARTS.draw(chart));
            // A PNG (its signature) at twice the size, and an SVG that names the title.
            assertThat(Arrays.copyOf(rendered.png(), 4)).containsExactly(0x89, 'P', 'N', 'G');
            assertThat(rendered.svg()).startsWith("<?xml").contains("<svg");
        }
    }

    @Test
    void barsShowOneValuePerCategoryOnARateScaleWithTheTargetLine()
    {
        JFreeChart chart = CHARTS.draw(bars(false));
        CategoryPlot plot = chart.getCategoryPlot();
        assertThat(chart.getTitle().getText()).isEqualTo("Pass rate by city");
        assertThat(plot.getOrientation()).isEqualTo(PlotOrientation.VERTICAL);
        CategoryDataset data = plot.getDataset();
        assertThat(data.getRowCount()).isEqualTo(1);
        assertThat(data.getColumnKeys()).containsExactly("Hangzhou", "Ningbo", "Wenzhou");
        assertThat(data.getValue(0, 1).doubleValue()).isEqualTo(0.91);
        // Rates near 90%: from a little below the lowest (0.88 - 0.03, down to a 5% step) to a point above the highest.
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        assertThat(axis.getLowerBound()).isCloseTo(0.85, within(1e-9));
        assertThat(axis.getUpperBound()).isCloseTo(0.98, within(1e-9));
        assertThat(plot.getRenderer().getDefaultItemLabelsVisible()).isTrue();
        assertThat(targetLines(plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND))).containsExactly("Target 95%");
        // No legend for one series.
        assertThat(chart.getLegend()).isNull();
    }

    @Test
    void horizontalBarsKeepRoomForTheirLabelsPastTheLongestBar()
    {
        CategoryPlot plot = CHARTS.draw(bars(true)).getCategoryPlot();
        assertThat(plot.getOrientation()).isEqualTo(PlotOrientation.HORIZONTAL);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        assertThat(axis.getLowerBound()).isCloseTo(0.85, within(1e-9));
        assertThat(axis.getUpperBound()).isCloseTo(0.97 + (0.97 - 0.85) * 0.12, within(1e-9));
    }

    @Test
    void aLineHasOneSeriesPerNameAndALegend()
    {
        JFreeChart chart = CHARTS.draw(EXAMPLES.get(Chart.Line.class));
        CategoryPlot plot = chart.getCategoryPlot();
        assertThat(plot.getRenderer()).isInstanceOf(LineAndShapeRenderer.class);
        assertThat(plot.getDataset().getRowKeys()).containsExactly("Food", "Products");
        assertThat(plot.getDataset().getValue("Products", "2024")).isNull();
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        // Rates near 90% as on bars: 0.90 - 0.03 down to a 5% step, 0.96 + a point.
        assertThat(axis.getLowerBound()).isCloseTo(0.85, within(1e-9));
        assertThat(axis.getUpperBound()).isCloseTo(0.97, within(1e-9));
        assertThat(chart.getLegend()).isNotNull();
    }

    @Test
    void aLineOfCountsIsFittedToItsValuesRatherThanStartingAtZero()
    {
        Chart.Line line = new Chart.Line("Valid brands", null, new Chart.Series(List.of("2023", "2024", "2025"), Map.of("Baseline", List.of(400.0, 420.0, 460.0))),
                false, Optional.empty(), List.of());
        NumberAxis axis = (NumberAxis) CHARTS.draw(line).getCategoryPlot().getRangeAxis();
        // Padded by 15% of the spread (60).
        assertThat(axis.getLowerBound()).isCloseTo(391, within(1e-9));
        assertThat(axis.getUpperBound()).isCloseTo(469, within(1e-9));
    }

    @Test
    void stackedBarsReachTheLargestSumFromZero()
    {
        CategoryPlot plot = CHARTS.draw(EXAMPLES.get(Chart.Stacked.class)).getCategoryPlot();
        assertThat(plot.getRenderer()).isInstanceOf(StackedBarRenderer.class);
        assertThat(plot.getDataset().getRowCount()).isEqualTo(2);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        assertThat(axis.getLowerBound()).isZero();
        assertThat(axis.getUpperBound()).isCloseTo(10 * 1.12, within(1e-9));
    }

    @Test
    void rankIntervalsDrawTheBoundsAsBarsAndTheRanksAsDotsFromRankOne()
    {
        CategoryPlot plot = CHARTS.draw(EXAMPLES.get(Chart.RankIntervals.class)).getCategoryPlot();
        assertThat(plot.getOrientation()).isEqualTo(PlotOrientation.HORIZONTAL);
        assertThat(plot.getRenderer(0)).isInstanceOf(IntervalBarRenderer.class);
        IntervalCategoryDataset intervals = (IntervalCategoryDataset) plot.getDataset(0);
        // Widened by a quarter rank each side.
        assertThat(intervals.getStartValue(0, 1).doubleValue()).isEqualTo(0.75);
        assertThat(intervals.getEndValue(0, 1).doubleValue()).isEqualTo(3.25);
        assertThat(plot.getDataset(1).getValue(0, 2).doubleValue()).isEqualTo(3.0);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        assertThat(axis.getLowerBound()).isEqualTo(0.5);
        assertThat(axis.getUpperBound()).isEqualTo(3.5);
    }

    @Test
    void aTornadoIsSymmetricAroundZeroWithALineThere()
    {
        CategoryPlot plot = CHARTS.draw(EXAMPLES.get(Chart.Tornado.class)).getCategoryPlot();
        assertThat(plot.getOrientation()).isEqualTo(PlotOrientation.HORIZONTAL);
        assertThat(plot.getDataset().getRowKeys()).containsExactly("-1 sd", "+1 sd");
        assertThat(plot.getRenderer().getSeriesPaint(0)).isEqualTo(Color.ORANGE);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        assertThat(axis.getUpperBound()).isCloseTo(2.0 * 1.15, within(1e-9));
        assertThat(axis.getLowerBound()).isCloseTo(-axis.getUpperBound(), within(1e-9));
        assertThat(plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).extracting(marker -> ((ValueMarker) marker).getValue()).containsExactly(0.0);
    }

    @Test
    void aFanHasBandsMedianAndHistoryAndTheTarget()
    {
        JFreeChart chart = CHARTS.draw(EXAMPLES.get(Chart.Fan.class));
        XYPlot plot = chart.getXYPlot();
        assertThat(plot.getRenderer()).isInstanceOf(DeviationRenderer.class);
        assertThat(plot.getDataset().getSeriesCount()).isEqualTo(4);
        assertThat(plot.getDataset().getSeriesKey(0)).isEqualTo("P5–P95");
        // The projection from the base year (3 points), the history up to it (3 points).
        assertThat(plot.getDataset().getItemCount(2)).isEqualTo(3);
        assertThat(plot.getDataset().getItemCount(3)).isEqualTo(3);
        assertThat(targetLines(plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND))).containsExactly("Target 35%");
        // The legend shows the bands as squares (their own items would be blank), the median and the history as lines.
        org.jfree.chart.LegendItemCollection legend = plot.getLegendItems();
        assertThat(legend.getItemCount()).isEqualTo(4);
        assertThat(legend.get(0).getLabel()).isEqualTo("P5–P95");
        assertThat(legend.get(0).isShapeFilled()).isTrue();
        assertThat(legend.get(2).isLineVisible()).isTrue();
        // The periods label the axis in order.
        assertThat(((org.jfree.chart.axis.SymbolAxis) plot.getDomainAxis()).getSymbols()).containsExactly("2023", "2024", "2025", "2026", "2027");
        NumberAxis values = (NumberAxis) plot.getRangeAxis();
        // 0.27 to 0.40, padded by 8% of the spread.
        assertThat(values.getLowerBound()).isCloseTo(0.27 - 0.13 * 0.08, within(1e-9));
        assertThat(values.getUpperBound()).isCloseTo(0.40 + 0.13 * 0.08, within(1e-9));
    }

    @Test
    void aSeriesMustHaveOneValuePerCategory()
    {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Chart.Series.of(CITIES, "x", List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 values for 3 categories");
    }

    private static List<String> targetLines(java.util.Collection<?> markers)
    {
        return markers == null ? List.of() : markers.stream().map(Marker.class::cast).map(Marker::getLabel).filter(java.util.Objects::nonNull).toList();
    }
}
