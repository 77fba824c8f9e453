package org.zhijian.indicators.warnings;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.zhijian.config.ConfigException;
import org.zhijian.config.YamlFiles;

import static java.util.Objects.requireNonNullElse;

/** conf/warnings.yaml: thresholds and tests of the early warnings, loaded strictly. */
public record WarningSettings(
        @JsonProperty("confidence_z") double confidenceZ,
        @JsonProperty("thresholds") Levels thresholds,
        @JsonProperty("thresholds_by_group") Map<String, Levels> thresholdsByGroup,
        @JsonProperty("min_batches") int minBatches,
        @JsonProperty("false_discovery") Levels falseDiscovery,
        @JsonProperty("drop") Drop drop,
        @JsonProperty("repeated_failures") Repeated repeatedFailures,
        @JsonProperty("prevention") Prevention prevention,
        @JsonProperty("equipment") Equipment equipment)
{
    public WarningSettings
    {
        thresholdsByGroup = Map.copyOf(requireNonNullElse(thresholdsByGroup, Map.of()));
        prevention = requireNonNullElse(prevention, new Prevention(0.6));
        equipment = requireNonNullElse(equipment, new Equipment(new Levels(0.05, 0.10), 20, new Repeated(4, new Levels(2, 3))));
    }

    /**
     * The special equipment warnings: a county whose overdue units reach overdue_share of its
     * registered units (counties with at least min_units), and an enterprise with failures.amber
     * (red: failures.red) units failing inspection within failures.quarters.
     */
    public record Equipment(
            @JsonProperty("overdue_share") Levels overdueShare,
            @JsonProperty("min_units") int minUnits,
            @JsonProperty("failures") Repeated failures) {}

    /** A prevention warning: the next quarter's forecast rate below the threshold with at least this probability. */
    public record Prevention(@JsonProperty("probability") double probability) {}

    /** An amber and a red bound. */
    public record Levels(@JsonProperty("amber") double amber, @JsonProperty("red") double red) {}

    public record Drop(
            @JsonProperty("baseline_quarters") int baselineQuarters,
            @JsonProperty("min_baseline_batches") int minBaselineBatches,
            @JsonProperty("min_batches") int minBatches) {}

    public record Repeated(@JsonProperty("quarters") int quarters, @JsonProperty("failures") Levels failures) {}

    /** The pass-rate thresholds for a category group. */
    public Levels thresholdsFor(String group)
    {
        return thresholdsByGroup.getOrDefault(group, thresholds);
    }

    public static WarningSettings load(Path file)
    {
        WarningSettings settings = YamlFiles.read(file, WarningSettings.class);
        if (settings == null || settings.thresholds() == null || settings.falseDiscovery() == null || settings.drop() == null || settings.repeatedFailures() == null
                || settings.repeatedFailures().failures() == null) {
            throw new ConfigException(file + ": needs confidence_z, thresholds, min_batches, false_discovery, drop and repeated_failures (with failures)");
        }
        if (settings.confidenceZ() <= 0) {
            throw new ConfigException(file + ": confidence_z must be positive");
        }
        check(file, "thresholds", settings.thresholds(), true);
        settings.thresholdsByGroup().forEach((group, levels) -> check(file, "thresholds_by_group." + group, levels, true));
        Levels rates = settings.falseDiscovery();
        if (!(rates.red() > 0 && rates.red() <= rates.amber() && rates.amber() < 1)) {
            throw new ConfigException(file + ": false_discovery: need 0 < red ≤ amber < 1 (amber " + rates.amber() + ", red " + rates.red() + ")");
        }
        if (settings.minBatches() < 1 || settings.drop().minBatches() < 1) {
            throw new ConfigException(file + ": min_batches and drop.min_batches must be at least 1");
        }
        check(file, "repeated_failures.failures", settings.repeatedFailures().failures(), false);
        if (!(settings.prevention().probability() > 0 && settings.prevention().probability() < 1)) {
            throw new ConfigException(file + ": prevention.probability must be above 0 and below 1, not " + settings.prevention().probability());
        }
        WarningSettings.Equipment equipment = settings.equipment();
        if (equipment.overdueShare() == null || equipment.failures() == null || equipment.failures().failures() == null || equipment.minUnits() < 1
                || equipment.failures().quarters() < 1) {
            throw new ConfigException(file + ": equipment needs overdue_share (amber, red), min_units ≥ 1 and failures (quarters ≥ 1, failures: amber, red)");
        }
        check(file, "equipment.overdue_share", equipment.overdueShare(), false);
        check(file, "equipment.failures.failures", equipment.failures().failures(), false);
        if (settings.drop().baselineQuarters() < 1 || settings.repeatedFailures().quarters() < 1) {
            throw new ConfigException(file + ": baseline_quarters and repeated_failures.quarters must be at least 1");
        }
        return settings;
    }

    /** Rates: red below amber, both within 0–1. Counts and statistics: red above amber. */
    private static void check(Path file, String key, Levels levels, boolean rate)
    {
        boolean ordered = rate ? levels.red() < levels.amber() && levels.red() >= 0 && levels.amber() <= 1 : levels.red() > levels.amber() && levels.amber() > 0;
        if (!ordered) {
            throw new ConfigException(file + ": " + key + ": " + (rate ? "need 0 ≤ red < amber ≤ 1" : "need 0 < amber < red") + " (amber " + levels.amber() + ", red " + levels.red() + ")");
        }
    }
}
