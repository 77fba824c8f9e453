package org.zhijian.indicators.warnings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The special equipment warnings (PRODUCT.md §14, conf/warnings.yaml {@code equipment}): a
 * county whose units overdue for inspection at a quarter's end are too large a share of its
 * registered units, and an enterprise several of whose units failed inspection (不符合要求)
 * within the last quarters. Plain computation over a few rows collected from the build.
 */
public final class EquipmentWarnings
{
    /** A county at a quarter's end: units registered and units overdue. */
    public record CountyQuarter(String countyCode, String period, long registered, long overdue) {}

    /** A failed inspection of one of an enterprise's units. */
    public record Failure(String creditCode, String enterpriseName, String countyCode, LocalDate date, String equipmentCode) {}

    /**
     * One warning.
     *
     * @param units the county's registered units, or the enterprise's units that failed
     * @param count the overdue units, or the failed inspections
     */
    public record Warning(String warningId, String kind, String severity, String period, String countyCode, String creditCode, String enterpriseName,
            long units, long count, Double share, Double threshold, String evidenceZh, String evidenceEn) {}

    private final WarningSettings.Equipment settings;

    public EquipmentWarnings(WarningSettings.Equipment settings)
    {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** The warnings of the given quarters, overdue counties first, in a stable order. */
    public List<Warning> evaluate(List<CountyQuarter> counties, List<Failure> failures, Set<String> quarters)
    {
        List<Warning> warnings = new ArrayList<>();
        for (CountyQuarter county : counties.stream().sorted(java.util.Comparator.comparing(CountyQuarter::period).thenComparing(CountyQuarter::countyCode)).toList()) {
            if (!quarters.contains(county.period()) || county.registered() < settings.minUnits() || county.overdue() == 0) {
                continue;
            }
            double share = (double) county.overdue() / county.registered();
            WarningSettings.Levels levels = settings.overdueShare();
            String severity = share >= levels.red() ? "red" : share >= levels.amber() ? "amber" : null;
            if (severity == null) {
                continue;
            }
            double threshold = severity.equals("red") ? levels.red() : levels.amber();
            warnings.add(new Warning("EQ-" + county.period() + "-overdue-" + county.countyCode(), "equipment_overdue", severity, county.period(), county.countyCode(), null, null,
                    county.registered(), county.overdue(), share, threshold,
                    String.format(Locale.ROOT, "季末超期未检 %d 台，占登记设备 %.1f%%（%s阈值 %.0f%%）", county.overdue(), share * 100, severity.equals("red") ? "红色" : "黄色", threshold * 100),
                    String.format(Locale.ROOT, "%d units overdue for inspection at the quarter's end, %.1f%% of registered units (%s threshold %.0f%%)", county.overdue(), share * 100,
                            severity, threshold * 100)));
        }
        // An enterprise with failed units in a quarter: the distinct units that failed within the last quarters.
        Map<String, List<Failure>> byEnterprise = new TreeMap<>();
        failures.forEach(failure -> byEnterprise.computeIfAbsent(failure.creditCode(), ignored -> new ArrayList<>()).add(failure));
        int window = settings.failures().quarters();
        for (String quarter : new java.util.TreeSet<>(quarters)) {
            int index = quarterIndex(quarter);
            for (List<Failure> enterprise : byEnterprise.values()) {
                if (enterprise.stream().noneMatch(failure -> quarterIndex(failure.date()) == index)) {
                    continue;
                }
                List<Failure> recent = enterprise.stream().filter(failure -> quarterIndex(failure.date()) > index - window && quarterIndex(failure.date()) <= index).toList();
                Set<String> units = new HashSet<>();
                recent.forEach(failure -> units.add(failure.equipmentCode()));
                WarningSettings.Levels levels = settings.failures().failures();
                String severity = units.size() >= levels.red() ? "red" : units.size() >= levels.amber() ? "amber" : null;
                if (severity == null) {
                    continue;
                }
                Failure first = enterprise.get(0);
                warnings.add(new Warning("EQ-" + quarter + "-failures-" + first.creditCode(), "equipment_failures", severity, quarter, first.countyCode(), first.creditCode(),
                        first.enterpriseName(), units.size(), recent.size(), null, severity.equals("red") ? levels.red() : levels.amber(),
                        String.format(Locale.ROOT, "近 %d 个季度 %d 台设备定期检验不符合要求（%d 次）", window, units.size(), recent.size()),
                        String.format(Locale.ROOT, "%d units failed inspection in the last %d quarters (%d reports)", units.size(), window, recent.size())));
            }
        }
        return warnings;
    }

    private static int quarterIndex(String quarter)
    {
        return Integer.parseInt(quarter.substring(0, 4)) * 4 + Integer.parseInt(quarter.substring(6)) - 1;
    }

    private static int quarterIndex(LocalDate date)
    {
        return date.getYear() * 4 + (date.getMonthValue() - 1) / 3;
    }
}
