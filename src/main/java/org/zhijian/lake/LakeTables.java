package org.zhijian.lake;

/**
 * The one catalogue of the lake's table names, by layer: what ingest stages and quarantines,
 * what build publishes, what scenarios store. Jobs, report, scenario and export name tables
 * through these, never by string.
 */
public final class LakeTables
{
    /** Ingest's quality metrics of every run. */
    public static final TableName QUALITY_METRICS = TableName.of("quality", "ingest_metrics");

    /** Every indicator for every region and period, with status, 同比 and 环比. */
    public static final TableName INDICATOR_VALUES = TableName.of("marts", "indicator_values");
    public static final TableName CREDIT_RATINGS = TableName.of("ratings", "credit");
    /** The red and black lists of each year (守信激励, 失信惩戒) with their changes, conf/credit_lists.yaml. */
    public static final TableName CREDIT_LISTS = TableName.of("ratings", "credit_lists");
    public static final TableName EARLY_WARNINGS = TableName.of("warnings", "early_warnings");
    public static final TableName COMPOSITE_INDEX = TableName.of("marts", "composite_index");
    public static final TableName PASS_RATE_BY_CATEGORY = TableName.of("marts", "pass_rate_by_category");
    public static final TableName BRANDS_BY_LEVEL = TableName.of("marts", "brands_by_level");
    public static final TableName STANDARDS_BY_KIND = TableName.of("marts", "standards_by_kind");
    public static final TableName CLUSTER_LOCATION_QUOTIENT = TableName.of("marts", "cluster_location_quotient");
    /** What a scenario starts from: each year's sales, brand sales, brands and standards per city and industry group. */
    public static final TableName SCENARIO_BASE = TableName.of("marts", "scenario_base");
    /** The next quarters' pass rates with prediction intervals, the rolling-origin backtest and its summary. */
    public static final TableName FORECASTS = TableName.of("marts", "forecasts");
    public static final TableName FORECAST_BACKTEST = TableName.of("marts", "forecast_backtest");
    public static final TableName FORECAST_ACCURACY = TableName.of("marts", "forecast_accuracy");
    /** Categories forecast below their thresholds next quarter (预防), apart from the early warnings. */
    public static final TableName PREVENTION_WARNINGS = TableName.of("warnings", "prevention");
    /** Special equipment warnings: counties with units overdue, enterprises with units failing inspection. */
    public static final TableName EQUIPMENT_WARNINGS = TableName.of("warnings", "equipment");

    /** Producers of notices that did not resolve (unmatched, ambiguous), with their candidates, for a person to map (producer_map.csv). */
    public static final TableName PRODUCER_REVIEW = TableName.of("review", "producers");

    private LakeTables() {}

    /** The accepted rows of a dataset, by its table name (enterprises, inspections, …). */
    public static TableName staged(String dataset)
    {
        return TableName.of("staged", dataset);
    }

    /** The rejected rows of a dataset, with their rules and reasons. */
    public static TableName quarantine(String dataset)
    {
        return TableName.of("quarantine", dataset);
    }

    /** A scenario's quantiles per year and region. */
    public static TableName scenario(String name)
    {
        return TableName.of("scenarios", name);
    }

    /** A scenario's probability of each target. */
    public static TableName scenarioTargets(String name)
    {
        return TableName.of("scenarios", name + "_targets");
    }

    /** A scenario's sensitivities (the tornado). */
    public static TableName scenarioSensitivity(String name)
    {
        return TableName.of("scenarios", name + "_sensitivity");
    }

    /** A scenario's goal seek per lever and target. */
    public static TableName scenarioGoalSeek(String name)
    {
        return TableName.of("scenarios", name + "_goal_seek");
    }
}
