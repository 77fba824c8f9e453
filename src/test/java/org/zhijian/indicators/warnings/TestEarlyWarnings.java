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

/** Wilson interval, exact tests, the false-discovery procedure and the warning rules, on figures worked by hand. */
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
    void exactPValuesMatchHandComputation()
    {
        // P(X ≤ 30) for X ~ Binomial(40, 0.9): Σ C(40,k) 0.9^k 0.1^(40−k) over k ≤ 30, summed exactly.
        assertThat(Proportions.binomialAtMost(30, 40, 0.90)).isCloseTo(0.0050631, within(1e-6));
        assertThat(Proportions.binomialAtMost(4, 5, 0.90)).isCloseTo(1 - Math.pow(0.9, 5), within(1e-12));
        // One failed batch of one: 15% were the rate at 85%; nothing rarer than that can be said of one batch.
        assertThat(Proportions.binomialAtMost(0, 1, 0.85)).isCloseTo(0.15, within(1e-12));
        // Fisher, one-sided: 10 of 40 failed against 8 of 160; hypergeometric tail over 18 failures in 200, 40 drawn.
        assertThat(Proportions.fisherGreater(10, 40, 8, 160)).isCloseTo(0.00047092, within(1e-7));
        assertThat(Proportions.fisherGreater(4, 40, 8, 160)).isCloseTo(0.19984, within(1e-5));
        assertThat(Proportions.fisherGreater(0, 40, 8, 160)).isEqualTo(1.0, within(1e-12));
    }

    @Test
    void benjaminiHochbergAdjustsAsTheTextbookDoes()
    {
        // Sorted 0.005, 0.01, 0.03, 0.04, 0.5; p·m/k = 0.025, 0.025, 0.05, 0.05, 0.5; running minimum from the top.
        FalseDiscovery family = FalseDiscovery.adjust(new double[] {0.01, 0.04, 0.03, 0.005, 0.5});
        assertThat(java.util.stream.IntStream.range(0, 5).mapToDouble(family::adjusted).toArray())
                .containsExactly(new double[] {0.025, 0.05, 0.05, 0.025, 0.5}, within(1e-12));
        assertThat(java.util.stream.IntStream.range(0, 5).map(family::rank).toArray()).containsExactly(2, 4, 3, 1, 5);
        assertThat(java.util.stream.IntStream.range(0, 5).filter(i -> family.rejected(i, 0.05)).toArray()).containsExactly(0, 1, 2, 3);
        assertThat(java.util.stream.IntStream.range(0, 5).filter(i -> family.rejected(i, 0.01)).toArray()).isEmpty();
        // Step-up: 0.04 alone would not pass 0.05·1/2, but with 0.045 beside it both do (0.045 ≤ 0.05·2/2).
        FalseDiscovery stepUp = FalseDiscovery.adjust(new double[] {0.04, 0.045});
        assertThat(stepUp.adjusted(0)).isCloseTo(0.045, within(1e-12));
        assertThat(FalseDiscovery.adjust(new double[0]).tests()).isZero();
        assertThat(FalseDiscovery.adjust(new double[] {0.9, 0.9, 0.9}).adjusted(2)).isEqualTo(0.9);
    }

    @Test
    void aCellThatWouldWarnAloneIsQuietAmongManyCleanCells()
    {
        // 32 of 40 against 90%: p = 0.0419. Alone in its quarter q = p → amber. Beside 99 cells without a
        // failure (p = 1 each), q = 0.0419 · 100 / 1 → capped at 1: one low rate in a hundred is what chance gives.
        EarlyWarnings.Cell wires = new EarlyWarnings.Cell("电线电缆", "电工及材料产品", "330100", "2025-Q3", 40, 8);
        List<EarlyWarnings.Warning> alone = new EarlyWarnings(SETTINGS, CITIES).evaluate(List.of(wires), List.of(), Set.of("2025-Q3"));
        assertThat(alone).extracting(EarlyWarnings.Warning::severity).containsExactly("amber");
        assertThat(alone.get(0).test().pValue()).isCloseTo(Proportions.binomialAtMost(32, 40, 0.90), within(1e-12));
        List<EarlyWarnings.Cell> crowd = new ArrayList<>(List.of(wires));
        for (int i = 0; i < 99; i++) {
            crowd.add(new EarlyWarnings.Cell("类别" + i, "轻工产品", i % 2 == 0 ? "330100" : "330200", "2025-Q3", 10, 0));
        }
        assertThat(new EarlyWarnings(SETTINGS, CITIES).evaluate(crowd, List.of(), Set.of("2025-Q3"))).isEmpty();
    }

    @Test
    void cellsUnderTheMinimumBatchesRaiseNoRegionalWarning()
    {
        assertThat(SETTINGS.minBatches()).isEqualTo(3);
        // Both batches failed: a matter for the enterprise lists, not for the city.
        List<EarlyWarnings.Cell> two = List.of(new EarlyWarnings.Cell("童车", "日用及纺织品", "330100", "2025-Q3", 2, 2));
        assertThat(new EarlyWarnings(SETTINGS, CITIES).evaluate(two, List.of(), Set.of("2025-Q3"))).isEmpty();
        // One failed of one, the red warning of the cell-by-cell rule (Wilson upper bound 79% < 85%): nothing now.
        List<EarlyWarnings.Cell> one = List.of(new EarlyWarnings.Cell("童车", "日用及纺织品", "330100", "2025-Q3", 1, 1));
        assertThat(new EarlyWarnings(SETTINGS, CITIES).evaluate(one, List.of(), Set.of("2025-Q3"))).isEmpty();
        // Three of three failed: p = 0.1³ = 0.001 against 90%, 0.15³ = 0.0034 against 85%; alone in the quarter, red.
        List<EarlyWarnings.Cell> three = List.of(new EarlyWarnings.Cell("童车", "日用及纺织品", "330100", "2025-Q3", 3, 3));
        List<EarlyWarnings.Warning> warnings = new EarlyWarnings(SETTINGS, CITIES).evaluate(three, List.of(), Set.of("2025-Q3"));
        assertThat(warnings).extracting(EarlyWarnings.Warning::severity).containsExactly("red");
        assertThat(warnings.get(0).test().pValue()).isCloseTo(0.003375, within(1e-9));
    }

    @Test
    void falseDiscoveryRatesAndTheMinimumOfBatchesAreChecked(@org.junit.jupiter.api.io.TempDir Path directory)
            throws java.io.IOException
    {
        String shipped = java.nio.file.Files.readString(Path.of("conf", "warnings.yaml"));
        Path swapped = java.nio.file.Files.writeString(directory.resolve("swapped.yaml"), shipped.replace("false_discovery: {amber: 0.10, red: 0.01}", "false_discovery: {amber: 0.01, red: 0.10}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WarningSettings.load(swapped)).isInstanceOf(org.zhijian.config.ConfigException.class)
                .hasMessage(swapped + ": false_discovery: need 0 < red ≤ amber < 1 (amber 0.01, red 0.1)");
        Path none = java.nio.file.Files.writeString(directory.resolve("none.yaml"), shipped.replace("min_batches: 3\n", "min_batches: 0\n"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WarningSettings.load(none)).hasMessage(none + ": min_batches and drop.min_batches must be at least 1");
        // The former fixed z levels of the drop test are refused by name, not silently ignored.
        Path old = java.nio.file.Files.writeString(directory.resolve("old.yaml"), shipped.replace("  min_batches: 5\n", "  min_batches: 5\n  z: {amber: 2.326, red: 3.090}\n"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WarningSettings.load(old)).hasMessageContaining("unknown key 'drop.z'");
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
        // Amber p-values sorted: 童鞋 3.5e-6, 电线电缆 0.00506, 乳制品 0.0139, 大米 0.138; 电线电缆's q = min(0.0185, 0.00506 · 4/2).
        // Red p-values (against 85%, food 90%): 童鞋 0.00041 → q 0.0017 ≤ 1%: red; 电线电缆 0.0672 → q 0.134: amber only.
        assertThat(wires.test().pValue()).isCloseTo(0.0050631, within(1e-6));
        assertThat(wires.test().rank()).isEqualTo(2);
        assertThat(wires.test().tests()).isEqualTo(4);
        assertThat(wires.test().adjusted()).isCloseTo(0.0101261, within(1e-6));
        assertThat(wires.test().falseDiscoveryRate()).isEqualTo(0.10);
        assertThat(wires.evidenceZh()).isEqualTo("2025-Q3 杭州市 电线电缆：抽查 40 批次，不合格 10 批次，合格率 75.0%（95% 置信区间 59.8%–85.8%）；"
                + "若真实合格率达到阈值 90.0%，合格批次这样少的概率仅 p = 0.0051（精确二项检验）；在本季度 4 个类别×城市的检验中 p 值排第 2（由小到大），"
                + "经错误发现率（BH）校正 q = 0.010，不高于 10%。");
        assertThat(wires.evidenceEn()).isEqualTo("2025-Q3 杭州市 电线电缆: 40 batches sampled, 10 failed, pass rate 75.0% (95% interval 59.8%–85.8%); "
                + "were the true rate at the 90.0% threshold, so few passes would have probability p = 0.0051 (exact binomial test), "
                + "ranked 2nd of the quarter's 4 category × city tests, smallest first; false-discovery (BH) adjusted q = 0.010, at most 10%.");
        EarlyWarnings.Warning shoes = warnings.stream().filter(warning -> warning.category().equals("童鞋")).findFirst().orElseThrow();
        assertThat(shoes.threshold()).isEqualTo(0.85);
        assertThat(shoes.test().falseDiscoveryRate()).isEqualTo(0.01);
        assertThat(shoes.test().adjusted()).isCloseTo(0.00041313 * 4, within(1e-7));
    }

    @Test
    void aSignificantFallAgainstThePreviousFourQuartersIsFlagged()
    {
        List<EarlyWarnings.Cell> cells = new ArrayList<>();
        // Four quarters of 38/40 (0.95), then 36/40 (0.90): Fisher p = 0.20, no warning; then 30/40: p = 0.00047, the
        // quarter's only drop test, so q = p ≤ 1% → red.
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
        assertThat(drop.test().pValue()).isCloseTo(0.00047092, within(1e-7));
        assertThat(drop.test().tests()).isEqualTo(1);
        assertThat(drop.evidenceZh()).contains("较前 4 个季度的 95.0%（160 批次）显著下降，z = -3.95；若合格率未变，不合格这样集中的概率仅 p = 0.0005（Fisher 精确检验）；"
                + "在本季度 1 项下降检验中 p 值排第 1（由小到大），经错误发现率（BH）校正 q = 0.0005，不高于 1%。");
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
