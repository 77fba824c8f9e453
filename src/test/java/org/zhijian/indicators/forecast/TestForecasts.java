package org.zhijian.indicators.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.zhijian.reference.ProductCategory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The hierarchy of series, the forecasts' invariants, the thin and gappy series, and the backtest recomputed by hand. */
class TestForecasts
{
    private static final ForecastSettings SETTINGS = new ForecastSettings(4, 2000, 5, 0.93, 20, 8, new ForecastSettings.Spread(0.05, 0.02, 0.2));
    private static final List<ProductCategory> CATEGORIES = List.of(
            new ProductCategory("电线电缆", "电工及材料", false, true, "38", "Wires and cables"),
            new ProductCategory("插头插座", "电工及材料", false, false, "38", "Plugs and sockets"),
            new ProductCategory("食用油", "食品", true, false, "13", "Edible oil"));
    private static final int FIRST = RateModel.quarterIndex(2020, 1);
    private static final int LAST = RateModel.quarterIndex(2025, 4);

    private static Forecasts forecasts()
    {
        return new Forecasts(SETTINGS, CATEGORIES, key -> new Forecasts.Threshold(0.9, key.series().equals(Forecasts.CATEGORY) ? Optional.of(0.85) : Optional.empty()));
    }

    /**
     * Two cities (330100, 330200) and the province (their sums), 2020-Q1 to 2025-Q4: wires at 88%
     * with 30 batches a city, plugs at 95% with 20, edible oil at 97% with 3 batches in one city
     * only in 2025 (too few for a forecast of its own), and no plugs sampled at all in 2022.
     */
    private static List<Forecasts.Cell> cells()
    {
        RandomGenerator random = new Well19937c(3);
        List<Forecasts.Cell> cells = new ArrayList<>();
        for (int q = FIRST; q <= LAST; q++) {
            long[] province = new long[6];
            for (String city : List.of("330100", "330200")) {
                long wires = Binomials.sample(30, 0.88, random);
                cells.add(new Forecasts.Cell(q, "电线电缆", "电工及材料", Forecasts.CITY, city, 30, wires));
                province[0] += 30;
                province[1] += wires;
                if (Math.floorDiv(q, 4) != 2022) {
                    long plugs = Binomials.sample(20, 0.95, random);
                    cells.add(new Forecasts.Cell(q, "插头插座", "电工及材料", Forecasts.CITY, city, 20, plugs));
                    province[2] += 20;
                    province[3] += plugs;
                }
                if (city.equals("330100") && Math.floorDiv(q, 4) == 2025) {
                    long oil = Binomials.sample(3, 0.97, random);
                    cells.add(new Forecasts.Cell(q, "食用油", "食品", Forecasts.CITY, city, 3, oil));
                    province[4] += 3;
                    province[5] += oil;
                }
            }
            cells.add(new Forecasts.Cell(q, "电线电缆", "电工及材料", Forecasts.PROVINCE, "330000", province[0], province[1]));
            if (province[2] > 0) {
                cells.add(new Forecasts.Cell(q, "插头插座", "电工及材料", Forecasts.PROVINCE, "330000", province[2], province[3]));
            }
            if (province[4] > 0) {
                cells.add(new Forecasts.Cell(q, "食用油", "食品", Forecasts.PROVINCE, "330000", province[4], province[5]));
            }
        }
        return cells;
    }

    @Test
    void everySeriesGetsFourQuartersWithOrderedIntervalsWithinZeroAndOne()
    {
        List<Forecasts.Forecast> forecasts = forecasts().forecast(cells(), LAST);
        // Overall and 三高 in the three regions, food where oil is sampled (the province, Hangzhou), and the categories sampled in each (3 + 3 + 2).
        assertThat(forecasts.stream().map(Forecasts.Forecast::key).distinct().count()).isEqualTo(3 + 3 + 2 + 8);
        assertThat(forecasts).allSatisfy(f -> {
            assertThat(f.lower95()).isBetween(0.0, f.lower80());
            assertThat(f.lower80()).isLessThanOrEqualTo(f.p50());
            assertThat(f.p50()).isLessThanOrEqualTo(f.upper80());
            assertThat(f.upper95()).isBetween(f.upper80(), 1.0);
            assertThat(f.horizon()).isBetween(1, 4);
        });
        assertThat(forecasts.stream().filter(f -> f.key().series().equals(Forecasts.FOOD) && f.key().regionCode().equals("330200"))).isEmpty();
        Forecasts.Forecast wires = find(forecasts, "电线电缆", "330000", 1);
        assertThat(wires.rateMean()).isCloseTo(0.88, within(0.03));
        assertThat(wires.expectedBatches()).isEqualTo(60);
        assertThat(Forecasts.period(wires.quarter())).isEqualTo("2026-Q1");
        // The same cells give the same forecasts.
        assertThat(forecasts().forecast(cells(), LAST)).isEqualTo(forecasts);
    }

    @Test
    void aThinSeriesGetsItsGroupsForecastAndSaysSoAGapIsShownNotZero()
    {
        List<Forecasts.Forecast> forecasts = forecasts().forecast(cells(), LAST);
        Forecasts.Forecast oil = find(forecasts, "食用油", "330100", 1);
        assertThat(oil.own()).isFalse();
        assertThat(oil.history().batches()).isEqualTo(12);
        assertThat(oil.pooledTo().orElseThrow().regionLevel()).isEqualTo(Forecasts.PROVINCE);
        // Pooled: wider than the wires' interval of a similar size would be, and centred between its few quarters and its group.
        Forecasts.Forecast wires = find(forecasts, "电线电缆", "330100", 1);
        assertThat(oil.upper80() - oil.lower80()).isGreaterThan(wires.upper80() - wires.lower80());
        Forecasts.Forecast plugs = find(forecasts, "插头插座", "330200", 1);
        assertThat(plugs.own()).isTrue();
        // 24 quarters, 4 without sampling in 2022: counted as gaps, not as quarters at 0%.
        assertThat(plugs.history().quarters()).isEqualTo(20);
        assertThat(plugs.history().gaps()).isEqualTo(4);
        assertThat(plugs.rateMean()).isCloseTo(0.95, within(0.03));
    }

    @Test
    void theBacktestRowsAndTheirSummaryRecomputeByHand()
    {
        List<Forecasts.Cell> cells = cells();
        List<Forecasts.BacktestRow> rows = forecasts().backtest(cells, LAST);
        // Held out: 2024-Q1 … 2025-Q4. Every published series with sampling in the held-out quarter.
        assertThat(rows.stream().mapToInt(Forecasts.BacktestRow::quarter).min().orElseThrow()).isEqualTo(RateModel.quarterIndex(2024, 1));
        assertThat(rows.stream().mapToInt(Forecasts.BacktestRow::quarter).max().orElseThrow()).isEqualTo(LAST);
        Forecasts.BacktestRow row = rows.stream().filter(r -> "电线电缆".equals(r.key().category()) && r.key().regionCode().equals("330100")
                && r.quarter() == RateModel.quarterIndex(2025, 2)).findFirst().orElseThrow();
        Forecasts.Cell held = cell(cells, "电线电缆", "330100", RateModel.quarterIndex(2025, 2));
        Forecasts.Cell yearBefore = cell(cells, "电线电缆", "330100", RateModel.quarterIndex(2024, 2));
        assertThat(row.batches()).isEqualTo(30);
        assertThat(row.actual()).isEqualTo(held.passed() / 30.0);
        assertThat(row.seasonalNaive()).contains(yearBefore.passed() / 30.0);
        assertThat(row.inside80()).isEqualTo(row.lower80() <= row.actual() && row.actual() <= row.upper80());
        List<Forecasts.Accuracy> accuracy = Forecasts.accuracy(rows);
        assertThat(accuracy).extracting(Forecasts.Accuracy::series).containsExactly(Forecasts.OVERALL, Forecasts.FOOD, Forecasts.HIGH_RISK, Forecasts.CATEGORY);
        Forecasts.Accuracy categories = accuracy.get(3);
        List<Forecasts.BacktestRow> categoryRows = rows.stream().filter(r -> r.key().series().equals(Forecasts.CATEGORY)).toList();
        List<Forecasts.BacktestRow> comparable = categoryRows.stream().filter(r -> r.seasonalNaive().isPresent()).toList();
        assertThat(categories.rows()).isEqualTo(categoryRows.size());
        assertThat(categories.coverage80()).isEqualTo(categoryRows.stream().filter(Forecasts.BacktestRow::inside80).count() / (double) categoryRows.size());
        assertThat(categories.comparable()).isEqualTo(comparable.size());
        assertThat(categories.meanAbsoluteError()).isCloseTo(comparable.stream().mapToDouble(r -> Math.abs(r.p50() - r.actual())).average().orElseThrow(), within(1e-12));
        assertThat(categories.naiveMeanAbsoluteError())
                .isCloseTo(comparable.stream().mapToDouble(r -> Math.abs(r.seasonalNaive().orElseThrow() - r.actual())).average().orElseThrow(), within(1e-12));
        // Oil has no sampling in 2024: its 2025 rows have no naive forecast.
        assertThat(rows.stream().filter(r -> "食用油".equals(r.key().category()))).allSatisfy(r -> assertThat(r.seasonalNaive()).isEmpty());
    }

    private static Forecasts.Forecast find(List<Forecasts.Forecast> forecasts, String category, String region, int horizon)
    {
        return forecasts.stream().filter(f -> category.equals(f.key().category()) && f.key().regionCode().equals(region) && f.horizon() == horizon).findFirst().orElseThrow();
    }

    private static Forecasts.Cell cell(List<Forecasts.Cell> cells, String category, String region, int quarter)
    {
        return cells.stream().filter(c -> c.category().equals(category) && c.regionCode().equals(region) && c.quarter() == quarter).findFirst().orElseThrow();
    }
}
