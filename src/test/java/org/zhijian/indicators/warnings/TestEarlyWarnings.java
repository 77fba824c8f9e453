package org.zhijian.indicators.warnings;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Wilson interval, two-proportion test and the warning rules, on figures worked by hand. */
class TestEarlyWarnings
{
    private static final WarningSettings SETTINGS = WarningSettings.load(Path.of("conf", "warnings.yaml"));
    private static final Map<String, String> CITIES = Map.of("330100", "杭州市", "330200", "宁波市");

    @Test
    void wilsonIntervalsMatchHandComputation()
    {
        // 4 of 5: centre (0.8 + 3.8415/10) / 1.76829 = 0.66966, half-width 1.10840 · √(0.032 + 0.038415) = 0.29412.
        Proportions.Interval fourOfFive = Proportions.wilson(4, 5, 1.959964);
        assertThat(fourOfFive.low()).isCloseTo(0.37553, within(1e-4));
        assertThat(fourOfFive.high()).isCloseTo(0.96378, within(1e-4));
        // 0 of 10: the textbook upper bound 0.2775.
        Proportions.Interval none = Proportions.wilson(0, 10, 1.959964);
        assertThat(none.low()).isEqualTo(0.0);
        assertThat(none.high()).isCloseTo(0.27753, within(1e-4));
    }

    @Test
    void twoProportionStatisticMatchesHandComputation()
    {
        // 32/40 against 152/160: pooled 0.92, variance 0.92 · 0.08 · (1/40 + 1/160) = 0.0023, z = −0.15 / 0.047958.
        assertThat(Proportions.twoProportionZ(32, 40, 152, 160)).isCloseTo(-3.12772, within(1e-4));
        assertThat(Proportions.twoProportionZ(10, 10, 20, 20)).isEqualTo(0.0);
    }

    @Test
    void fiveBatchesWithOneFailureRaiseNothing()
    {
        List<EarlyWarnings.Cell> cells = List.of(new EarlyWarnings.Cell("电线电缆", "电工及材料产品", "330100", "2025-Q3", 5, 1));
        assertThat(new EarlyWarnings(SETTINGS, CITIES).evaluate(cells, List.of(), Set.of("2025-Q3"))).isEmpty();
    }

    @Test
    void aPassRateStatisticallyBelowTheThresholdIsAmberOrRed()
    {
        List<EarlyWarnings.Cell> cells = List.of(
                // 30 of 40: interval 0.598–0.858, upper bound under 0.90 but not under 0.85 → amber.
                new EarlyWarnings.Cell("电线电缆", "电工及材料产品", "330100", "2025-Q3", 40, 10),
                // 25 of 40: upper bound 0.756 → red.
                new EarlyWarnings.Cell("童鞋", "日用及纺织品", "330200", "2025-Q3", 40, 15),
                // Food: 36 of 40 (upper bound 0.961) passes 0.90, yet 34 of 40 (0.929) is amber against food's 0.95.
                new EarlyWarnings.Cell("大米", "食品", "330100", "2025-Q3", 40, 4),
                new EarlyWarnings.Cell("乳制品", "食品", "330200", "2025-Q3", 40, 6));
        List<EarlyWarnings.Warning> warnings = new EarlyWarnings(SETTINGS, CITIES).evaluate(cells, List.of(), Set.of("2025-Q3"));
        assertThat(warnings).extracting(EarlyWarnings.Warning::category, EarlyWarnings.Warning::severity)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("电线电缆", "amber"), org.assertj.core.groups.Tuple.tuple("童鞋", "red"),
                        org.assertj.core.groups.Tuple.tuple("乳制品", "amber"));
        EarlyWarnings.Warning wires = warnings.stream().filter(warning -> warning.category().equals("电线电缆")).findFirst().orElseThrow();
        assertThat(wires.kind()).isEqualTo(EarlyWarnings.BELOW_THRESHOLD);
        assertThat(wires.passRate()).isEqualTo(0.75);
        assertThat(wires.wilsonHigh()).isCloseTo(0.85813, within(1e-4));
        assertThat(wires.threshold()).isEqualTo(0.90);
        assertThat(wires.evidenceZh()).isEqualTo("2025-Q3 杭州市 电线电缆：抽查 40 批次，不合格 10 批次，合格率 75.0%，95% 置信区间 59.8%–85.8%，上限低于阈值 90.0%");
        assertThat(wires.evidenceEn()).startsWith("2025-Q3 杭州市 电线电缆: 40 batches sampled, 10 failed, pass rate 75.0%");
    }

    @Test
    void aSignificantFallAgainstThePreviousFourQuartersIsFlagged()
    {
        List<EarlyWarnings.Cell> cells = new ArrayList<>();
        // Four quarters of 38/40 (0.95), then 36/40 (0.90): z = −1.21, no warning; then 30/40: z = −3.95 → red.
        for (String quarter : List.of("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4")) {
            cells.add(new EarlyWarnings.Cell("水泥", "建筑和装饰装修材料", "330100", quarter, 40, 2));
        }
        cells.add(new EarlyWarnings.Cell("水泥", "建筑和装饰装修材料", "330100", "2025-Q1", 40, 4));
        List<EarlyWarnings.Warning> quiet = new EarlyWarnings(SETTINGS, CITIES).evaluate(cells, List.of(), Set.of("2025-Q1"));
        assertThat(quiet).isEmpty();
        cells.set(4, new EarlyWarnings.Cell("水泥", "建筑和装饰装修材料", "330100", "2025-Q1", 40, 10));
        List<EarlyWarnings.Warning> warnings = new EarlyWarnings(SETTINGS, CITIES).evaluate(cells, List.of(), Set.of("2025-Q1"));
        EarlyWarnings.Warning drop = warnings.stream().filter(warning -> warning.kind().equals(EarlyWarnings.SIGNIFICANT_DROP)).findFirst().orElseThrow();
        assertThat(drop.severity()).isEqualTo("red");
        assertThat(drop.baselineBatches()).isEqualTo(160L);
        assertThat(drop.baselineFailures()).isEqualTo(8L);
        assertThat(drop.baselineRate()).isEqualTo(0.95);
        // pooled 182/200 = 0.91; variance 0.91 · 0.09 · 0.03125; z = −0.20 / 0.050590.
        assertThat(drop.zStatistic()).isCloseTo(-3.95335, within(1e-4));
        assertThat(drop.evidenceZh()).contains("较前 4 个季度的 95.0%（160 批次）显著下降，z = -3.95");
    }

    @Test
    void enterprisesWithRepeatedFailuresAreNamedWithTheirBatches()
    {
        List<EarlyWarnings.Failure> failures = List.of(
                new EarlyWarnings.Failure("E1", "甲公司", "330100", LocalDate.parse("2024-11-02"), "电线电缆", "B1"),
                new EarlyWarnings.Failure("E1", "甲公司", "330100", LocalDate.parse("2025-02-20"), "低压开关柜", "B5"),
                new EarlyWarnings.Failure("E1", "甲公司", "330100", LocalDate.parse("2025-08-15"), "电线电缆", "B2"),
                // E2's two failures are a year and a half apart.
                new EarlyWarnings.Failure("E2", "乙公司", "330200", LocalDate.parse("2024-01-10"), "童车", "B3"),
                new EarlyWarnings.Failure("E2", "乙公司", "330200", LocalDate.parse("2025-07-10"), "童车", "B4"));
        List<EarlyWarnings.Warning> warnings = new EarlyWarnings(SETTINGS, CITIES).evaluate(List.of(), failures,
                Set.of("2024-Q1", "2024-Q4", "2025-Q1", "2025-Q3"));
        assertThat(warnings).hasSize(1);
        EarlyWarnings.Warning warning = warnings.get(0);
        // 2025-Q1 counts two failures (2025-Q1, 2024-Q4): nothing yet. 2025-Q3 looks back over 2025-Q3, Q2, Q1 and 2024-Q4: three → amber.
        assertThat(warning.kind()).isEqualTo(EarlyWarnings.REPEATED_FAILURES);
        assertThat(warning.period()).isEqualTo("2025-Q3");
        assertThat(warning.severity()).isEqualTo("amber");
        assertThat(warning.creditCode()).isEqualTo("E1");
        assertThat(warning.failures()).isEqualTo(3);
        assertThat(warning.category()).isEqualTo("低压开关柜、电线电缆");
        assertThat(warning.evidenceZh()).isEqualTo("2025-Q3 甲公司：近 4 个季度 3 批次抽查不合格（2024-11-02 电线电缆 B1; 2025-02-20 低压开关柜 B5; 2025-08-15 电线电缆 B2）");
    }
}
