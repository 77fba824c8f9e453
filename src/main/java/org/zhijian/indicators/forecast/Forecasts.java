package org.zhijian.indicators.forecast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.zhijian.reference.ProductCategory;

import static java.util.Objects.requireNonNull;

/**
 * Forecasts of the quarterly sampling pass rates — overall, food, 三高 and every product
 * category, for the province and each city — pooled through a hierarchy: the province's
 * overall rate; under it the province's food, 三高 and category-group rates; under each group
 * its categories; under each province series the same series of every city. Each series is
 * fitted with its parent's fit as prior ({@link RateModel}), widened by the spread between
 * siblings that the data show, so a thin series leans on its group and a thick one on itself.
 * Plain computation over the pass-rate mart's cells.
 */
public final class Forecasts
{
    /** The series forecast, named as the catalogue's indicators; categories are one series each. */
    public static final String OVERALL = "sampling_pass_rate";
    public static final String FOOD = "sampling_pass_rate_food";
    public static final String HIGH_RISK = "sampling_pass_rate_high_risk";
    public static final String CATEGORY = "category";
    /** A category group's rate: fitted to pool its categories, not published. */
    private static final String GROUP = "group";
    public static final String PROVINCE = "province";
    public static final String CITY = "city";
    /** Quarters whose batches make a forecast's expected batches. */
    private static final int RECENT = 4;
    private static final double[] QUANTILES = {0.5, 0.10, 0.90, 0.025, 0.975};

    /** Sampled and passed batches of one category in one region and quarter (a row of marts.pass_rate_by_category). */
    public record Cell(int quarter, String category, String group, String regionLevel, String regionCode, long batches, long passed) {}

    /** Which series: its id, category (and group) for category series, and region. */
    public record Key(String series, String category, String group, String regionLevel, String regionCode)
    {
        boolean published()
        {
            return !series.equals(GROUP);
        }
    }

    /** A pass-rate threshold pair; red may be absent (aggregate series have one threshold). */
    public record Threshold(double amber, Optional<Double> red) {}

    /** What a series' history holds up to the origin: first and last quarter with sampling, quarters with sampling, quarters without in between, batches. */
    public record History(Optional<Integer> first, Optional<Integer> last, int quarters, int gaps, long batches) {}

    /**
     * One forecast quarter of one series. Quantiles are of the share passed of the expected
     * batches (what the bureau will see); {@code rateMean} and the probabilities are of the true
     * rate behind it.
     */
    public record Forecast(Key key, int origin, int horizon, double p50, double lower80, double upper80, double lower95, double upper95, long expectedBatches,
            double rateMean, Threshold threshold, double probabilityBelow, Optional<Double> probabilityBelowRed, boolean own, Optional<Key> pooledTo, History history,
            List<RateModel.Observation> recent)
    {
        public int quarter()
        {
            return origin + horizon;
        }
    }

    /**
     * A held-out quarter beside the forecast made from the quarters before it, at its actual
     * batches, and the seasonal-naive forecast (the same quarter a year before). {@code below} and
     * {@code atMost} are the forecast's probabilities of a rate under and up to the actual one:
     * the randomised PIT of a discrete forecast lies uniformly between them (Czado, Gneiting and
     * Held 2009), which is what calibration is judged on when a few batches make the rate jump.
     */
    public record BacktestRow(Key key, int quarter, long batches, double actual, double p50, double lower80, double upper80, double lower95, double upper95,
            Optional<Double> seasonalNaive, double below, double atMost)
    {
        /** The chance a randomised PIT falls within the central {@code level} (0.8, 0.95): the interval's coverage, corrected for the rate's steps. */
        public double calibrated(double level)
        {
            double low = (1 - level) / 2;
            double high = 1 - low;
            if (atMost - below < 1e-12) {
                return below >= low && below <= high ? 1 : 0;
            }
            return Math.max(0, Math.min(atMost, high) - Math.max(below, low)) / (atMost - below);
        }

        public boolean inside80()
        {
            return lower80 <= actual && actual <= upper80;
        }

        public boolean inside95()
        {
            return lower95 <= actual && actual <= upper95;
        }
    }

    /**
     * The backtest of one series kind: rows, the share of actual rates inside each interval and
     * the calibrated coverage (randomised PIT), P50's mean absolute error and the seasonal-naive
     * one (over the rows that have a naive forecast).
     */
    public record Accuracy(String series, int rows, double coverage80, double coverage95, double calibrated80, double calibrated95, int comparable,
            double meanAbsoluteError, double naiveMeanAbsoluteError) {}

    private final ForecastSettings settings;
    private final Map<String, ProductCategory> categories;
    private final Function<Key, Threshold> thresholds;

    public Forecasts(ForecastSettings settings, List<ProductCategory> categories, Function<Key, Threshold> thresholds)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.categories = new LinkedHashMap<>();
        categories.forEach(category -> this.categories.put(category.name(), category));
        this.thresholds = requireNonNull(thresholds, "thresholds is null");
    }

    /** The quarter index of a period id such as 2025-Q3. */
    public static int quarter(String period)
    {
        return RateModel.quarterIndex(Integer.parseInt(period.substring(0, 4)), period.charAt(6) - '0');
    }

    public static String period(int quarter)
    {
        return Math.floorDiv(quarter, 4) + "-Q" + (Math.floorMod(quarter, 4) + 1);
    }

    /** The next {@code horizon} quarters after {@code origin} of every published series, from the cells up to the origin. */
    public List<Forecast> forecast(List<Cell> cells, int origin)
    {
        Map<Key, List<RateModel.Observation>> series = series(cells);
        Fits all = fitAll(series, origin);
        // Series draw independently, each from its own generator: in parallel, in a fixed order.
        List<Forecast> forecasts = all.fits().entrySet().stream().filter(fit -> fit.getKey().published()).toList().parallelStream()
                .flatMap(fit -> forecast(fit.getKey(), fit.getValue(), series.getOrDefault(fit.getKey(), List.of()), origin, all.parents().get(fit.getKey())).stream())
                .toList();
        return forecasts;
    }

    private List<Forecast> forecast(Key key, RateModel.Fit fit, List<RateModel.Observation> observations, int origin, Key parent)
    {
        History history = history(observations, origin);
        List<RateModel.Observation> recent = observations.stream().filter(o -> o.quarter() > origin - RECENT && o.quarter() <= origin).toList();
        long expected = expectedBatches(observations, origin);
        Threshold threshold = thresholds.apply(key);
        RandomGenerator random = random(key, origin);
        List<Forecast> forecasts = new ArrayList<>();
        for (int h = 1; h <= settings.horizon(); h++) {
            RateModel.Draws draws = RateModel.draw(fit, h, expected, settings.draws(), random);
            double[] observed = RateModel.sorted(draws.observed());
            double[] q = new double[QUANTILES.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = RateModel.quantile(observed, QUANTILES[i]);
            }
            double mean = java.util.Arrays.stream(draws.rates()).average().orElse(Double.NaN);
            forecasts.add(new Forecast(key, origin, h, q[0], q[1], q[2], q[3], q[4], expected, mean, threshold, RateModel.shareBelow(draws.rates(), threshold.amber()),
                    threshold.red().map(red -> RateModel.shareBelow(draws.rates(), red)), history.batches() >= settings.minHistoryBatches(), Optional.ofNullable(parent),
                    history, recent));
        }
        return forecasts;
    }

    /**
     * The rolling-origin backtest over the {@code backtest_quarters} quarters up to {@code last}:
     * for each, every series refitted on the quarters before it and its one-quarter-ahead
     * forecast at the batches actually sampled, beside what was seen.
     */
    public List<BacktestRow> backtest(List<Cell> cells, int last)
    {
        Map<Key, List<RateModel.Observation>> series = series(cells);
        List<BacktestRow> rows = new ArrayList<>();
        for (int held = last - settings.backtestQuarters() + 1; held <= last; held++) {
            int quarter = held;
            int origin = held - 1;
            Map<Key, RateModel.Fit> fits = fitAll(series, origin).fits();
            rows.addAll(fits.entrySet().stream().filter(fit -> fit.getKey().published()).toList().parallelStream()
                    .flatMap(fit -> backtest(fit.getKey(), fit.getValue(), series.getOrDefault(fit.getKey(), List.of()), quarter).stream())
                    .toList());
        }
        return rows;
    }

    /** A series' held-out quarter beside its forecast from the quarter before, if it was sampled then. */
    private Optional<BacktestRow> backtest(Key key, RateModel.Fit fit, List<RateModel.Observation> observations, int held)
    {
        Optional<RateModel.Observation> actual = at(observations, held);
        if (actual.isEmpty()) {
            return Optional.empty();
        }
        long batches = actual.get().batches();
        double[] observed = RateModel.sorted(RateModel.draw(fit, 1, batches, settings.draws(), random(key, held - 1)).observed());
        Optional<Double> naive = at(observations, held - 4).map(Forecasts::rate);
        double seen = rate(actual.get());
        // Draws are k / batches and so is the actual rate: compare with half a batch's margin.
        double step = 0.5 / batches;
        return Optional.of(new BacktestRow(key, held, batches, seen, RateModel.quantile(observed, 0.5), RateModel.quantile(observed, 0.10),
                RateModel.quantile(observed, 0.90), RateModel.quantile(observed, 0.025), RateModel.quantile(observed, 0.975), naive,
                RateModel.shareBelow(observed, seen - step), RateModel.shareBelow(observed, seen + step)));
    }

    /** The backtest summarised per series kind (overall, food, 三高, categories), in that order. */
    public static List<Accuracy> accuracy(List<BacktestRow> rows)
    {
        Map<String, List<BacktestRow>> bySeries = new TreeMap<>(Comparator.comparingInt(List.of(OVERALL, FOOD, HIGH_RISK, CATEGORY)::indexOf));
        rows.forEach(row -> bySeries.computeIfAbsent(row.key().series(), ignored -> new ArrayList<>()).add(row));
        List<Accuracy> accuracy = new ArrayList<>();
        bySeries.forEach((series, list) -> {
            List<BacktestRow> comparable = list.stream().filter(row -> row.seasonalNaive().isPresent()).toList();
            accuracy.add(new Accuracy(series, list.size(), list.stream().filter(BacktestRow::inside80).count() / (double) list.size(),
                    list.stream().filter(BacktestRow::inside95).count() / (double) list.size(), list.stream().mapToDouble(row -> row.calibrated(0.8)).average().orElseThrow(),
                    list.stream().mapToDouble(row -> row.calibrated(0.95)).average().orElseThrow(), comparable.size(),
                    comparable.stream().mapToDouble(row -> Math.abs(row.p50() - row.actual())).average().orElse(Double.NaN),
                    comparable.stream().mapToDouble(row -> Math.abs(row.seasonalNaive().orElseThrow() - row.actual())).average().orElse(Double.NaN)));
        });
        return accuracy;
    }

    // ---- the hierarchy ----

    /** Every series' quarters from the cells: categories as given, and their sums as overall, food, 三高 and group series. */
    Map<Key, List<RateModel.Observation>> series(List<Cell> cells)
    {
        Map<Key, TreeMap<Integer, long[]>> sums = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (cell.batches() < 1) {
                continue;
            }
            ProductCategory category = categories.get(cell.category());
            List<Key> keys = new ArrayList<>();
            keys.add(new Key(OVERALL, null, null, cell.regionLevel(), cell.regionCode()));
            keys.add(new Key(GROUP, null, cell.group(), cell.regionLevel(), cell.regionCode()));
            keys.add(new Key(CATEGORY, cell.category(), cell.group(), cell.regionLevel(), cell.regionCode()));
            if (category != null && category.food()) {
                keys.add(new Key(FOOD, null, null, cell.regionLevel(), cell.regionCode()));
            }
            if (category != null && category.highRisk()) {
                keys.add(new Key(HIGH_RISK, null, null, cell.regionLevel(), cell.regionCode()));
            }
            for (Key key : keys) {
                long[] sum = sums.computeIfAbsent(key, ignored -> new TreeMap<>()).computeIfAbsent(cell.quarter(), ignored -> new long[2]);
                sum[0] += cell.batches();
                sum[1] += cell.passed();
            }
        }
        Map<Key, List<RateModel.Observation>> series = new LinkedHashMap<>();
        sums.forEach((key, quarters) -> series.put(key, quarters.entrySet().stream()
                .map(entry -> new RateModel.Observation(entry.getKey(), entry.getValue()[0], entry.getValue()[1])).toList()));
        return series;
    }

    /** Every series' fit at the origin (parents before children), and the parent each was pooled to. */
    record Fits(Map<Key, RateModel.Fit> fits, Map<Key, Key> parents) {}

    Fits fitAll(Map<Key, List<RateModel.Observation>> series, int origin)
    {
        Map<Key, RateModel.Fit> fits = new LinkedHashMap<>();
        Map<Key, Key> parents = new LinkedHashMap<>();
        Key province = new Key(OVERALL, null, null, PROVINCE, provinceCode(series));
        List<RateModel.Observation> top = series.getOrDefault(province, List.of());
        long batches = top.stream().filter(o -> o.quarter() <= origin).mapToLong(RateModel.Observation::batches).sum();
        long passed = top.stream().filter(o -> o.quarter() <= origin).mapToLong(RateModel.Observation::passed).sum();
        double level = RateModel.logit((passed + 0.5) / (batches + 1.0));
        fits.put(province, RateModel.fit(top, origin, RateModel.weakPrior(level, 0.05, 0.5, 0.02), settings.discount()));
        // Province series under the overall rate, categories under their group; then every city series under its province series.
        layer(series, origin, fits, parents, key -> key.regionLevel().equals(PROVINCE) && !key.series().equals(OVERALL) && !key.series().equals(CATEGORY),
                key -> province);
        layer(series, origin, fits, parents, key -> key.regionLevel().equals(PROVINCE) && key.series().equals(CATEGORY),
                key -> new Key(GROUP, null, key.group(), PROVINCE, province.regionCode()));
        for (String kind : List.of(OVERALL, FOOD, HIGH_RISK, GROUP, CATEGORY)) {
            layer(series, origin, fits, parents, key -> key.regionLevel().equals(CITY) && key.series().equals(kind),
                    key -> new Key(key.series(), key.category(), key.group(), PROVINCE, province.regionCode()));
        }
        return new Fits(fits, parents);
    }

    /**
     * Fits the series the filter keeps with their parents' fits as priors. The spread of levels
     * between siblings comes from the data: the children's levels fitted on their own, around
     * their parents', less what their own uncertainty explains (moments, pooled over the layer).
     */
    private void layer(Map<Key, List<RateModel.Observation>> series, int origin, Map<Key, RateModel.Fit> fits, Map<Key, Key> parents,
            java.util.function.Predicate<Key> keep, Function<Key, Key> parentOf)
    {
        List<Key> children = series.keySet().stream().filter(keep).filter(key -> fits.containsKey(parentOf.apply(key))).toList();
        double excess = 0;
        int counted = 0;
        for (Key child : children) {
            List<RateModel.Observation> observations = series.get(child);
            if (batchesUpTo(observations, origin) < settings.minHistoryBatches()) {
                continue;
            }
            RateModel.Fit parent = fits.get(parentOf.apply(child));
            RateModel.Fit alone = RateModel.fit(observations, origin, parent.asPrior(100, settings.spread().trend() * settings.spread().trend(),
                    settings.spread().seasonal() * settings.spread().seasonal()), settings.discount());
            double difference = alone.level() - parent.level();
            excess += difference * difference - alone.levelVariance();
            counted++;
        }
        // At least the configured spread, so pooling never claims siblings are identical.
        double least = settings.spread().level() * settings.spread().level();
        double levelSpread = Math.max(least, counted == 0 ? least : excess / counted);
        for (Key child : children) {
            RateModel.Fit parent = fits.get(parentOf.apply(child));
            RateModel.Prior prior = parent.asPrior(levelSpread, settings.spread().trend() * settings.spread().trend(), settings.spread().seasonal() * settings.spread().seasonal());
            List<RateModel.Observation> observations = series.get(child);
            // Under the minimum the series gets its group's forecast: the prior alone, with the spread between siblings.
            parents.put(child, parentOf.apply(child));
            fits.put(child, RateModel.fit(batchesUpTo(observations, origin) < settings.minHistoryBatches() ? List.of() : observations, origin, prior, settings.discount()));
        }
    }

    private static String provinceCode(Map<Key, List<RateModel.Observation>> series)
    {
        return series.keySet().stream().filter(key -> key.regionLevel().equals(PROVINCE)).map(Key::regionCode).findFirst().orElse("province");
    }

    private static long batchesUpTo(List<RateModel.Observation> observations, int origin)
    {
        return observations.stream().filter(o -> o.quarter() <= origin).mapToLong(RateModel.Observation::batches).sum();
    }

    /** The mean batches of the last four quarters up to the origin (a quarter without sampling counts as none), at least one. */
    static long expectedBatches(List<RateModel.Observation> observations, int origin)
    {
        long recent = observations.stream().filter(o -> o.quarter() > origin - RECENT && o.quarter() <= origin).mapToLong(RateModel.Observation::batches).sum();
        return Math.max(1, Math.round(recent / (double) RECENT));
    }

    static History history(List<RateModel.Observation> observations, int origin)
    {
        List<RateModel.Observation> used = observations.stream().filter(o -> o.quarter() <= origin).toList();
        if (used.isEmpty()) {
            return new History(Optional.empty(), Optional.empty(), 0, 0, 0);
        }
        int first = used.get(0).quarter();
        int last = used.get(used.size() - 1).quarter();
        return new History(Optional.of(first), Optional.of(last), used.size(), last - first + 1 - used.size(), used.stream().mapToLong(RateModel.Observation::batches).sum());
    }

    private static Optional<RateModel.Observation> at(List<RateModel.Observation> observations, int quarter)
    {
        return observations.stream().filter(o -> o.quarter() == quarter).findFirst();
    }

    private static double rate(RateModel.Observation observation)
    {
        return observation.passed() / (double) observation.batches();
    }

    /** A generator per series and origin, so a forecast does not depend on which other series exist. */
    private RandomGenerator random(Key key, int origin)
    {
        return new Well19937c(new int[] {(int) settings.seed(), (int) (settings.seed() >>> 32), key.toString().hashCode(), origin});
    }
}
