package org.zhijian.indicators.warnings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.zhijian.indicators.Periods;

import static java.util.Objects.requireNonNull;

/**
 * The early-warning rules over sampling results, as plain computation. The regional rules judge
 * each quarter's product category × city cells as one family: a cell with at least
 * {@code min_batches} batches gets an exact p-value — for a pass rate below the threshold
 * (binomial) and for a fall against its previous quarters (Fisher) — and the Benjamini–Hochberg
 * procedure ({@link FalseDiscovery}) decides which of the quarter's cells warn, so that the
 * expected share of false alarms among them stays under the configured rate. Enterprises with
 * repeated failures are counted apart. Every warning carries its evidence, in numbers and in a
 * sentence (zh and en).
 */
public final class EarlyWarnings
{
    public static final String BELOW_THRESHOLD = "below_threshold";
    public static final String SIGNIFICANT_DROP = "significant_drop";
    public static final String REPEATED_FAILURES = "repeated_failures";

    /** Sampled and failed batches of one category in one city and quarter. */
    public record Cell(String category, String group, String cityCode, String quarter, long batches, long failures)
    {
        long passed()
        {
            return batches - failures;
        }
    }

    /** One failed batch of a known enterprise. */
    public record Failure(String creditCode, String enterpriseName, String cityCode, LocalDate date, String category, String batchId)
    {
        String quarter()
        {
            return date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
        }
    }

    /**
     * One test of a family that raised a warning: its p-value, its rank among the family's
     * p-values (1 the smallest), the family's size, the Benjamini–Hochberg adjusted p-value and
     * the false-discovery rate it met.
     */
    public record Test(double pValue, int rank, int tests, double adjusted, double falseDiscoveryRate) {}

    /** A warning with its evidence. Fields that do not apply to its kind are null. */
    public record Warning(
            String warningId, String kind, String severity, String period, String cityCode, String category, String group,
            String creditCode, String enterpriseName, long batches, long failures, Double passRate, Double wilsonLow, Double wilsonHigh,
            Double threshold, Long baselineBatches, Long baselineFailures, Double baselineRate, Double zStatistic, Test test,
            String evidenceZh, String evidenceEn) {}

    private final WarningSettings settings;
    private final Map<String, String> cityNames;

    public EarlyWarnings(WarningSettings settings, Map<String, String> cityNames)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.cityNames = Map.copyOf(cityNames);
    }

    /**
     * Warnings for the quarters given; cells and failures of earlier quarters serve as baselines.
     * {@code cells} must hold every cell of each quarter given: the quarter is one family of tests.
     */
    public List<Warning> evaluate(List<Cell> cells, List<Failure> failures, Set<String> quarters)
    {
        List<Warning> warnings = new ArrayList<>();
        Map<String, Map<String, Cell>> series = new HashMap<>();
        Map<String, List<Cell>> tested = new TreeMap<>();
        for (Cell cell : cells) {
            series.computeIfAbsent(cell.category() + "|" + cell.cityCode(), ignored -> new HashMap<>()).put(cell.quarter(), cell);
            if (quarters.contains(cell.quarter()) && cell.batches() >= settings.minBatches()) {
                tested.computeIfAbsent(cell.quarter(), ignored -> new ArrayList<>()).add(cell);
            }
        }
        for (List<Cell> quarter : tested.values()) {
            // A fixed order within the family: ranks are then the same from run to run.
            quarter.sort(Comparator.comparing(Cell::category).thenComparing(Cell::cityCode));
            warnings.addAll(belowThreshold(quarter));
            warnings.addAll(significantDrops(quarter, series));
        }
        warnings.addAll(repeatedFailures(failures, quarters));
        warnings.sort(Comparator.comparing(Warning::period).thenComparing(warning -> warning.severity().equals("red") ? 0 : 1)
                .thenComparing(Warning::kind).thenComparing(Warning::warningId));
        return warnings;
    }

    /**
     * The quarter's cells whose pass rate is below the threshold: against the amber threshold at
     * the amber rate, against the red one at the red rate. A red warning's p-value against the red
     * threshold is at least its amber one, and the red rate is the lower, so every red cell would
     * also have been amber.
     */
    private List<Warning> belowThreshold(List<Cell> cells)
    {
        double[] amber = new double[cells.size()];
        double[] red = new double[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            WarningSettings.Levels levels = settings.thresholdsFor(cell.group());
            amber[i] = Proportions.binomialAtMost(cell.passed(), cell.batches(), levels.amber());
            red[i] = Proportions.binomialAtMost(cell.passed(), cell.batches(), levels.red());
        }
        Family amberTests = Family.of(amber);
        Family redTests = Family.of(red);
        List<Warning> warnings = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Optional<Verdict> verdict = verdict(amberTests, redTests, i);
            if (verdict.isEmpty()) {
                continue;
            }
            boolean isRed = verdict.get().severity().equals("red");
            Test test = verdict.get().test();
            Cell cell = cells.get(i);
            WarningSettings.Levels levels = settings.thresholdsFor(cell.group());
            double threshold = isRed ? levels.red() : levels.amber();
            Proportions.Interval interval = Proportions.wilson(cell.passed(), cell.batches(), settings.confidenceZ());
            double rate = (double) cell.passed() / cell.batches();
            String city = cityNames.getOrDefault(cell.cityCode(), cell.cityCode());
            String zh = String.format(Locale.ROOT, "%s %s %s：抽查 %d 批次，不合格 %d 批次，合格率 %s（95%% 置信区间 %s–%s）；若真实合格率达到阈值 %s，合格批次这样少的概率仅 %s（精确二项检验）%s",
                    cell.quarter(), city, cell.category(), cell.batches(), cell.failures(), percent(rate), percent(interval.low()), percent(interval.high()), percent(threshold),
                    pValue(test.pValue()), familyZh(test, "个类别×城市的检验"));
            String en = String.format(Locale.ROOT, "%s %s %s: %d batches sampled, %d failed, pass rate %s (95%% interval %s–%s); were the true rate at the %s threshold, so few passes would have probability %s (exact binomial test)%s",
                    cell.quarter(), city, cell.category(), cell.batches(), cell.failures(), percent(rate), percent(interval.low()), percent(interval.high()), percent(threshold),
                    pValue(test.pValue()), familyEn(test, "category × city tests"));
            warnings.add(new Warning(id(BELOW_THRESHOLD, cell.quarter(), cell.cityCode(), cell.category()), BELOW_THRESHOLD, isRed ? "red" : "amber", cell.quarter(),
                    cell.cityCode(), cell.category(), cell.group(), null, null, cell.batches(), cell.failures(), rate, interval.low(), interval.high(), threshold,
                    null, null, null, null, test, zh, en));
        }
        return warnings;
    }

    /** The quarter's cells whose pass rate fell against their previous quarters, as one family. */
    private List<Warning> significantDrops(List<Cell> cells, Map<String, Map<String, Cell>> series)
    {
        WarningSettings.Drop drop = settings.drop();
        List<Cell> current = new ArrayList<>();
        List<long[]> baselines = new ArrayList<>();
        for (Cell cell : cells) {
            long baselineBatches = 0;
            long baselineFailures = 0;
            String quarter = cell.quarter();
            Map<String, Cell> history = series.get(cell.category() + "|" + cell.cityCode());
            for (int i = 0; i < drop.baselineQuarters(); i++) {
                quarter = Periods.parse(quarter).previous();
                Cell earlier = history.get(quarter);
                if (earlier != null) {
                    baselineBatches += earlier.batches();
                    baselineFailures += earlier.failures();
                }
            }
            if (baselineBatches >= drop.minBaselineBatches() && cell.batches() >= drop.minBatches()) {
                current.add(cell);
                baselines.add(new long[] {baselineBatches, baselineFailures});
            }
        }
        double[] pValues = new double[current.size()];
        for (int i = 0; i < current.size(); i++) {
            Cell cell = current.get(i);
            pValues[i] = Proportions.fisherGreater(cell.failures(), cell.batches(), baselines.get(i)[1], baselines.get(i)[0]);
        }
        // One p-value per cell: the same family is judged at the amber rate and at the stricter red one.
        Family tests = Family.of(pValues);
        List<Warning> warnings = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            Optional<Verdict> verdict = verdict(tests, tests, i);
            if (verdict.isEmpty()) {
                continue;
            }
            String severity = verdict.get().severity();
            Test test = verdict.get().test();
            Cell cell = current.get(i);
            long baselineBatches = baselines.get(i)[0];
            long baselineFailures = baselines.get(i)[1];
            long baselinePassed = baselineBatches - baselineFailures;
            double z = Proportions.twoProportionZ(cell.passed(), cell.batches(), baselinePassed, baselineBatches);
            double rate = (double) cell.passed() / cell.batches();
            double baselineRate = (double) baselinePassed / baselineBatches;
            String city = cityNames.getOrDefault(cell.cityCode(), cell.cityCode());
            String zh = String.format(Locale.ROOT, "%s %s %s：合格率 %s（%d 批次，不合格 %d）较前 %d 个季度的 %s（%d 批次）显著下降，z = %.2f；若合格率未变，不合格这样集中的概率仅 %s（Fisher 精确检验）%s",
                    cell.quarter(), city, cell.category(), percent(rate), cell.batches(), cell.failures(), drop.baselineQuarters(), percent(baselineRate), baselineBatches, z,
                    pValue(test.pValue()), familyZh(test, "项下降检验"));
            String en = String.format(Locale.ROOT, "%s %s %s: pass rate %s (%d batches, %d failed) fell significantly from %s over the previous %d quarters (%d batches), z = %.2f; were the rate unchanged, failures this concentrated would have probability %s (Fisher's exact test)%s",
                    cell.quarter(), city, cell.category(), percent(rate), cell.batches(), cell.failures(), percent(baselineRate), drop.baselineQuarters(), baselineBatches, z,
                    pValue(test.pValue()), familyEn(test, "drop tests"));
            warnings.add(new Warning(id(SIGNIFICANT_DROP, cell.quarter(), cell.cityCode(), cell.category()), SIGNIFICANT_DROP, severity, cell.quarter(),
                    cell.cityCode(), cell.category(), cell.group(), null, null, cell.batches(), cell.failures(), rate, null, null, null,
                    baselineBatches, baselineFailures, baselineRate, z, test, zh, en));
        }
        return warnings;
    }

    /** A family of p-values with their Benjamini–Hochberg adjustment. */
    private record Family(double[] pValues, FalseDiscovery adjusted)
    {
        static Family of(double[] pValues)
        {
            return new Family(pValues, FalseDiscovery.adjust(pValues));
        }

        Test test(int i, double rate)
        {
            return new Test(pValues[i], adjusted.rank(i), adjusted.tests(), adjusted.adjusted(i), rate);
        }
    }

    private record Verdict(String severity, Test test) {}

    /** Red when the red family rejects test {@code i} at the red rate, else amber when the amber family does at the amber rate. */
    private Optional<Verdict> verdict(Family amber, Family red, int i)
    {
        WarningSettings.Levels rates = settings.falseDiscovery();
        if (red.adjusted().rejected(i, rates.red())) {
            return Optional.of(new Verdict("red", red.test(i, rates.red())));
        }
        if (amber.adjusted().rejected(i, rates.amber())) {
            return Optional.of(new Verdict("amber", amber.test(i, rates.amber())));
        }
        return Optional.empty();
    }

    /** "；在本季度 412 个类别×城市的检验中 p 值排第 3（由小到大），经错误发现率（BH）校正 q = 0.041，不高于 10%。" ({@code unit}: "个类别×城市的检验") */
    private static String familyZh(Test test, String unit)
    {
        return String.format(Locale.ROOT, "；在本季度 %d %s中 p 值排第 %d（由小到大），经错误发现率（BH）校正 q = %s，不高于 %s。",
                test.tests(), unit, test.rank(), adjusted(test.adjusted()), share(test.falseDiscoveryRate()));
    }

    private static String familyEn(Test test, String unit)
    {
        return String.format(Locale.ROOT, ", ranked %s of the quarter's %d %s, smallest first; false-discovery (BH) adjusted q = %s, at most %s.",
                ordinal(test.rank()), test.tests(), unit, adjusted(test.adjusted()), share(test.falseDiscoveryRate()));
    }

    /** A p-value as a reader takes it in: "p = 0.012", "p = 0.0004", "p < 0.0001". */
    static String pValue(double p)
    {
        if (p < 0.0001) {
            return "p < 0.0001";
        }
        return "p = " + String.format(Locale.ROOT, p < 0.01 ? "%.4f" : "%.3f", p);
    }

    private static String adjusted(double q)
    {
        return q < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, q < 0.01 ? "%.4f" : "%.3f", q);
    }

    private static String ordinal(int n)
    {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    private List<Warning> repeatedFailures(List<Failure> failures, Set<String> quarters)
    {
        WarningSettings.Repeated repeated = settings.repeatedFailures();
        Map<String, TreeMap<String, List<Failure>>> byEnterprise = new TreeMap<>();
        for (Failure failure : failures) {
            byEnterprise.computeIfAbsent(failure.creditCode(), ignored -> new TreeMap<>()).computeIfAbsent(failure.quarter(), ignored -> new ArrayList<>()).add(failure);
        }
        List<Warning> warnings = new ArrayList<>();
        for (Map.Entry<String, TreeMap<String, List<Failure>>> enterprise : byEnterprise.entrySet()) {
            for (String quarter : enterprise.getValue().keySet()) {
                if (!quarters.contains(quarter)) {
                    continue;
                }
                List<Failure> window = new ArrayList<>();
                String q = quarter;
                for (int i = 0; i < repeated.quarters(); i++) {
                    window.addAll(enterprise.getValue().getOrDefault(q, List.of()));
                    q = Periods.parse(q).previous();
                }
                long count = window.size();
                String severity = count >= repeated.failures().red() ? "red" : count >= repeated.failures().amber() ? "amber" : null;
                if (severity == null) {
                    continue;
                }
                window.sort(Comparator.comparing(Failure::date).thenComparing(Failure::batchId));
                Failure latest = window.get(window.size() - 1);
                String batches = window.stream().map(failure -> failure.date() + " " + failure.category() + " " + failure.batchId()).collect(Collectors.joining("; "));
                String zh = String.format(Locale.ROOT, "%s %s：近 %d 个季度 %d 批次抽查不合格（%s）", quarter, latest.enterpriseName(), repeated.quarters(), count, batches);
                String en = String.format(Locale.ROOT, "%s %s: %d failed batches over the last %d quarters (%s)", quarter, latest.enterpriseName(), count, repeated.quarters(), batches);
                String categories = window.stream().map(Failure::category).distinct().sorted().collect(Collectors.joining("、"));
                warnings.add(new Warning(id(REPEATED_FAILURES, quarter, latest.cityCode(), enterprise.getKey()), REPEATED_FAILURES, severity, quarter,
                        latest.cityCode(), categories, null, enterprise.getKey(), latest.enterpriseName(), count, count, null, null, null, null,
                        null, null, null, null, null, zh, en));
            }
        }
        return warnings;
    }

    private static String id(String kind, String quarter, String city, String subject)
    {
        return kind + ":" + quarter + ":" + city + ":" + subject;
    }

    /** A configured rate: "10%", "2.5%". */
    private static String share(double rate)
    {
        double percent = rate * 100;
        return (percent == Math.rint(percent) ? String.format(Locale.ROOT, "%.0f", percent) : String.format(Locale.ROOT, "%s", percent)) + "%";
    }

    private static String percent(double rate)
    {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
