package org.zhijian.indicators.warnings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.zhijian.indicators.Periods;

import static java.util.Objects.requireNonNull;

/**
 * The early-warning rules over sampling results, as plain computation: pass rates per product
 * category × city × quarter tested against thresholds (Wilson interval) and against the previous
 * quarters (two-proportion test), and enterprises with repeated failures. Every warning carries
 * its evidence, in numbers and in a sentence (zh and en).
 */
public final class EarlyWarnings
{
    public static final String BELOW_THRESHOLD = "below_threshold";
    public static final String SIGNIFICANT_DROP = "significant_drop";
    public static final String REPEATED_FAILURES = "repeated_failures";

    /** Sampled and failed batches of one category in one city and quarter. */
    public record Cell(String category, String group, String cityCode, String quarter, long batches, long failures) {}

    /** One failed batch of a known enterprise. */
    public record Failure(String creditCode, String enterpriseName, String cityCode, LocalDate date, String category, String batchId)
    {
        String quarter()
        {
            return date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
        }
    }

    /** A warning with its evidence. Fields that do not apply to its kind are null. */
    public record Warning(
            String warningId, String kind, String severity, String period, String cityCode, String category, String group,
            String creditCode, String enterpriseName, long batches, long failures, Double passRate, Double wilsonLow, Double wilsonHigh,
            Double threshold, Long baselineBatches, Long baselineFailures, Double baselineRate, Double zStatistic, String evidenceZh, String evidenceEn) {}

    private final WarningSettings settings;
    private final Map<String, String> cityNames;

    public EarlyWarnings(WarningSettings settings, Map<String, String> cityNames)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.cityNames = Map.copyOf(cityNames);
    }

    /** Warnings for the quarters given; cells and failures of earlier quarters serve as baselines. */
    public List<Warning> evaluate(List<Cell> cells, List<Failure> failures, Set<String> quarters)
    {
        List<Warning> warnings = new ArrayList<>();
        Map<String, Map<String, Cell>> series = new HashMap<>();
        for (Cell cell : cells) {
            series.computeIfAbsent(cell.category() + "|" + cell.cityCode(), ignored -> new HashMap<>()).put(cell.quarter(), cell);
        }
        for (Cell cell : cells) {
            if (!quarters.contains(cell.quarter()) || cell.batches() == 0) {
                continue;
            }
            belowThreshold(cell).ifPresent(warnings::add);
            significantDrop(cell, series.get(cell.category() + "|" + cell.cityCode())).ifPresent(warnings::add);
        }
        warnings.addAll(repeatedFailures(failures, quarters));
        warnings.sort(Comparator.comparing(Warning::period).thenComparing(warning -> warning.severity().equals("red") ? 0 : 1)
                .thenComparing(Warning::kind).thenComparing(Warning::warningId));
        return warnings;
    }

    private java.util.Optional<Warning> belowThreshold(Cell cell)
    {
        long passed = cell.batches() - cell.failures();
        Proportions.Interval interval = Proportions.wilson(passed, cell.batches(), settings.confidenceZ());
        WarningSettings.Levels levels = settings.thresholdsFor(cell.group());
        String severity = interval.high() < levels.red() ? "red" : interval.high() < levels.amber() ? "amber" : null;
        if (severity == null) {
            return java.util.Optional.empty();
        }
        double threshold = severity.equals("red") ? levels.red() : levels.amber();
        double rate = (double) passed / cell.batches();
        String city = cityNames.getOrDefault(cell.cityCode(), cell.cityCode());
        String zh = String.format(Locale.ROOT, "%s %s %s：抽查 %d 批次，不合格 %d 批次，合格率 %s，95%% 置信区间 %s–%s，上限低于阈值 %s",
                cell.quarter(), city, cell.category(), cell.batches(), cell.failures(), percent(rate), percent(interval.low()), percent(interval.high()), percent(threshold));
        String en = String.format(Locale.ROOT, "%s %s %s: %d batches sampled, %d failed, pass rate %s, 95%% interval %s–%s, upper bound below the %s threshold",
                cell.quarter(), city, cell.category(), cell.batches(), cell.failures(), percent(rate), percent(interval.low()), percent(interval.high()), percent(threshold));
        return java.util.Optional.of(new Warning(id(BELOW_THRESHOLD, cell.quarter(), cell.cityCode(), cell.category()), BELOW_THRESHOLD, severity, cell.quarter(),
                cell.cityCode(), cell.category(), cell.group(), null, null, cell.batches(), cell.failures(), rate, interval.low(), interval.high(), threshold,
                null, null, null, null, zh, en));
    }

    private java.util.Optional<Warning> significantDrop(Cell cell, Map<String, Cell> history)
    {
        WarningSettings.Drop drop = settings.drop();
        long baselineBatches = 0;
        long baselineFailures = 0;
        String quarter = cell.quarter();
        for (int i = 0; i < drop.baselineQuarters(); i++) {
            quarter = Periods.parse(quarter).previous();
            Cell earlier = history.get(quarter);
            if (earlier != null) {
                baselineBatches += earlier.batches();
                baselineFailures += earlier.failures();
            }
        }
        if (baselineBatches < drop.minBaselineBatches() || cell.batches() < drop.minBatches()) {
            return java.util.Optional.empty();
        }
        long passed = cell.batches() - cell.failures();
        long baselinePassed = baselineBatches - baselineFailures;
        double z = Proportions.twoProportionZ(passed, cell.batches(), baselinePassed, baselineBatches);
        String severity = z <= -drop.z().red() ? "red" : z <= -drop.z().amber() ? "amber" : null;
        if (severity == null) {
            return java.util.Optional.empty();
        }
        double rate = (double) passed / cell.batches();
        double baselineRate = (double) baselinePassed / baselineBatches;
        String city = cityNames.getOrDefault(cell.cityCode(), cell.cityCode());
        String zh = String.format(Locale.ROOT, "%s %s %s：合格率 %s（%d 批次，不合格 %d）较前 %d 个季度的 %s（%d 批次）显著下降，z = %.2f",
                cell.quarter(), city, cell.category(), percent(rate), cell.batches(), cell.failures(), drop.baselineQuarters(), percent(baselineRate), baselineBatches, z);
        String en = String.format(Locale.ROOT, "%s %s %s: pass rate %s (%d batches, %d failed) fell significantly from %s over the previous %d quarters (%d batches), z = %.2f",
                cell.quarter(), city, cell.category(), percent(rate), cell.batches(), cell.failures(), percent(baselineRate), drop.baselineQuarters(), baselineBatches, z);
        return java.util.Optional.of(new Warning(id(SIGNIFICANT_DROP, cell.quarter(), cell.cityCode(), cell.category()), SIGNIFICANT_DROP, severity, cell.quarter(),
                cell.cityCode(), cell.category(), cell.group(), null, null, cell.batches(), cell.failures(), rate, null, null, null,
                baselineBatches, baselineFailures, baselineRate, z, zh, en));
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
                        null, null, null, null, zh, en));
            }
        }
        return warnings;
    }

    private static String id(String kind, String quarter, String city, String subject)
    {
        return kind + ":" + quarter + ":" + city + ":" + subject;
    }

    private static String percent(double rate)
    {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
