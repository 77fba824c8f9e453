package org.zhijian.indicators.warnings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.zhijian.indicators.forecast.Forecasts;
import org.zhijian.indicators.forecast.RateModel;

import static org.assertj.core.api.Assertions.assertThat;

/** Which forecasts raise a prevention warning, how severe, and what the evidence says. */
class TestPreventionWarnings
{
    private static final int ORIGIN = RateModel.quarterIndex(2025, 4);
    private static final Forecasts.History HISTORY = new Forecasts.History(Optional.of(RateModel.quarterIndex(2016, 1)), Optional.of(ORIGIN), 40, 0, 400);

    private static Forecasts.Forecast forecast(String category, String city, int horizon, double below, double belowRed)
    {
        return new Forecasts.Forecast(new Forecasts.Key(Forecasts.CATEGORY, category, "电工及材料", Forecasts.CITY, city), ORIGIN, horizon, 0.88, 0.8, 0.95, 0.7, 1.0, 10,
                0.87, new Forecasts.Threshold(0.9, Optional.of(0.85)), below, Optional.of(belowRed), true, Optional.empty(), HISTORY,
                List.of(new RateModel.Observation(ORIGIN - 1, 10, 9), new RateModel.Observation(ORIGIN, 10, 8)));
    }

    @Test
    void theNextQuartersCategoriesLikelyBelowTheirThresholdsAreWarnedRedFirst()
    {
        PreventionWarnings rules = new PreventionWarnings(new WarningSettings.Prevention(0.6), Map.of("330100", "杭州市", "330200", "宁波市"),
                Map.of("杭州市", "Hangzhou", "电线电缆", "Wires and cables"));
        List<PreventionWarnings.Warning> warnings = rules.evaluate(List.of(
                forecast("电线电缆", "330100", 1, 0.7, 0.4),
                forecast("插头插座", "330100", 1, 0.59, 0.1),
                forecast("开关", "330200", 1, 0.9, 0.65),
                // Beyond the next quarter: not a prevention warning.
                forecast("灯具", "330200", 2, 0.99, 0.99),
                new Forecasts.Forecast(new Forecasts.Key(Forecasts.OVERALL, null, null, Forecasts.CITY, "330100"), ORIGIN, 1, 0.8, 0.7, 0.9, 0.6, 0.95, 100, 0.8,
                        new Forecasts.Threshold(0.9, Optional.empty()), 0.99, Optional.empty(), true, Optional.empty(), HISTORY, List.of())));
        assertThat(warnings).extracting(PreventionWarnings.Warning::warningId)
                .containsExactly("forecast_below_threshold|2026-Q1|330200|开关", "forecast_below_threshold|2026-Q1|330100|电线电缆");
        assertThat(warnings).extracting(PreventionWarnings.Warning::severity).containsExactly("red", "amber");
        assertThat(PreventionWarnings.threshold(warnings.get(0))).isEqualTo(0.85);
        assertThat(PreventionWarnings.probability(warnings.get(1))).isEqualTo(0.7);
        assertThat(warnings.get(1).evidenceZh()).isEqualTo(
                "预计2026年第一季度杭州市电线电缆合格率为87.0%（80%区间 80.0%–95.0%，按10批估计），低于阈值 90.0% 的概率为 70%；近期：2025-Q3 90.0%（10批），2025-Q4 80.0%（10批）。");
        assertThat(warnings.get(1).evidenceEn()).isEqualTo("Wires and cables in Hangzhou, 2026-Q1: pass rate forecast at 87.0% (80% range 80.0%–95.0%, for 10 batches), "
                + "70% likely below the 90.0% threshold; recent quarters: 2025-Q3 90.0% (10 batches), 2025-Q4 80.0% (10 batches).");
    }
}
