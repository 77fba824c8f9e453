package org.zhijian.indicators.forecast;

import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.zhijian.config.ConfigException;
import org.zhijian.config.YamlFiles;

/** conf/forecasts.yaml: the forecast method's settings, loaded strictly; a setting out of range is refused naming its key. */
public record ForecastSettings(
        @JsonProperty("horizon") int horizon,
        @JsonProperty("draws") int draws,
        @JsonProperty("seed") long seed,
        @JsonProperty("discount") double discount,
        @JsonProperty("min_history_batches") int minHistoryBatches,
        @JsonProperty("backtest_quarters") int backtestQuarters,
        @JsonProperty("spread") Spread spread)
{
    /**
     * Prior sd of a child series around its group, on the logit scale: the level's at least
     * (the data may show more), the trend's per quarter, each seasonal effect's.
     */
    public record Spread(@JsonProperty("level") double level, @JsonProperty("trend") double trend, @JsonProperty("seasonal") double seasonal) {}

    public static ForecastSettings load(Path file)
    {
        ForecastSettings settings = YamlFiles.read(file, ForecastSettings.class);
        if (settings == null || settings.spread() == null) {
            throw new ConfigException(file + ": needs horizon, draws, seed, discount, min_history_batches, backtest_quarters and spread (level, trend, seasonal)");
        }
        settings.check(file);
        return settings;
    }

    void check(Path file)
    {
        require(file, "horizon", horizon >= 1 && horizon <= 12, "a whole number of quarters from 1 to 12", horizon);
        require(file, "draws", draws >= 100 && draws <= 1_000_000, "from 100 to 1,000,000", draws);
        require(file, "discount", discount > 0 && discount <= 1, "above 0 and at most 1", discount);
        require(file, "min_history_batches", minHistoryBatches >= 1, "at least 1", minHistoryBatches);
        require(file, "backtest_quarters", backtestQuarters >= 1 && backtestQuarters <= 40, "from 1 to 40", backtestQuarters);
        require(file, "spread.level", spread.level() > 0, "positive", spread.level());
        require(file, "spread.trend", spread.trend() > 0, "positive", spread.trend());
        require(file, "spread.seasonal", spread.seasonal() > 0, "positive", spread.seasonal());
    }

    private static void require(Path file, String key, boolean ok, String rule, Object value)
    {
        if (!ok) {
            throw new ConfigException(file + ": " + key + " must be " + rule + ", not " + value);
        }
    }
}
