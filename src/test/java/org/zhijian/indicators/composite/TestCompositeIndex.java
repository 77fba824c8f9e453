package org.zhijian.indicators.composite;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.zhijian.indicators.IndicatorCatalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Three regions, two indicators (pass rate, higher is better, target 0.95, weight 0.6; case
 * rate, lower is better, weight 0.4):
 * A 0.90 / 100, B 0.95 / 300, C 0.80 / 200. Min-max: pass A 2/3, B 1, C 0; cases A 1, B 0, C 1/2.
 */
class TestCompositeIndex
{
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(Path.of("conf", "indicators.yaml"));
    private static final List<CompositeIndex.Input> INPUTS = List.of(
            new CompositeIndex.Input("sampling_pass_rate", "city", "A", 2025, 0.90), new CompositeIndex.Input("case_rate", "city", "A", 2025, 100),
            new CompositeIndex.Input("sampling_pass_rate", "city", "B", 2025, 0.95), new CompositeIndex.Input("case_rate", "city", "B", 2025, 300),
            new CompositeIndex.Input("sampling_pass_rate", "city", "C", 2025, 0.80), new CompositeIndex.Input("case_rate", "city", "C", 2025, 200));

    @Test
    void linearMinMaxScoresAndRanks()
    {
        Map<String, CompositeIndex.Result> results = compute(settings("min_max", "linear", 0, List.of("min_max"), List.of("linear")), INPUTS);
        // A: 0.6 · 2/3 + 0.4 · 1 = 0.8; B: 0.6; C: 0.4 · 0.5 = 0.2.
        assertThat(results.get("A").score()).isCloseTo(80, within(1e-9));
        assertThat(results.get("B").score()).isCloseTo(60, within(1e-9));
        assertThat(results.get("C").score()).isCloseTo(20, within(1e-9));
        assertThat(results.values()).extracting(CompositeIndex.Result::regionCode, CompositeIndex.Result::rank)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("A", 1), org.assertj.core.groups.Tuple.tuple("B", 2), org.assertj.core.groups.Tuple.tuple("C", 3));
        // Without uncertainty every draw gives the same ranks.
        assertThat(results.get("B").medianRank()).isEqualTo(2.0);
        assertThat(results.get("B").rankP05()).isEqualTo(2.0);
        assertThat(results.get("B").rankP95()).isEqualTo(2.0);
        CompositeIndex.SubScore cases = results.get("C").subScores().get(1);
        assertThat(cases.indicatorId()).isEqualTo("case_rate");
        assertThat(cases.value()).isEqualTo(200.0);
        assertThat(cases.normalised()).isEqualTo(0.5);
        assertThat(cases.weight()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void geometricAggregationAndDistanceToTarget()
    {
        Map<String, CompositeIndex.Result> geometric = compute(settings("min_max", "geometric", 0, List.of("min_max"), List.of("linear")), INPUTS);
        // A: (0.01 + 0.99 · 2/3)^0.6 · 1^0.4 = 0.67^0.6 = e^(0.6 · −0.400478) = 0.786402.
        assertThat(geometric.get("A").score()).isCloseTo(78.6402, within(1e-3));
        // Distance to target: pass A 0.90 / 0.95; case rate (lower is better, target from the catalogue) target / x capped at 1.
        double caseTarget = CATALOGUE.indicator("case_rate").orElseThrow().target();
        Map<String, CompositeIndex.Result> toTarget = compute(settings("distance_to_target", "linear", 0, List.of("min_max"), List.of("linear")), INPUTS);
        assertThat(toTarget.get("A").score()).isCloseTo(100 * (0.6 * 0.90 / 0.95 + 0.4 * Math.min(1, caseTarget / 100)), within(1e-9));
    }

    @Test
    void aMissingIndicatorReweightsTheOthers()
    {
        List<CompositeIndex.Input> inputs = new java.util.ArrayList<>(INPUTS);
        inputs.add(new CompositeIndex.Input("sampling_pass_rate", "city", "D", 2025, 0.95));
        Map<String, CompositeIndex.Result> results = compute(settings("min_max", "linear", 0, List.of("min_max"), List.of("linear")), inputs);
        // D has only its pass rate, the best (1.0), weighted 1.
        assertThat(results.get("D").score()).isCloseTo(100, within(1e-9));
        assertThat(results.get("D").subScores()).hasSize(1);
        assertThat(results.get("D").subScores().get(0).weight()).isEqualTo(1.0);
        assertThat(results.get("D").peers()).isEqualTo(4);
    }

    @Test
    void theMonteCarloIsSeededAndItsIntervalsHoldTheMedian()
    {
        CompositeSettings settings = settings("min_max", "linear", 0.5, List.of("min_max", "distance_to_target"), List.of("linear", "geometric"));
        Map<String, CompositeIndex.Result> first = compute(settings, INPUTS);
        Map<String, CompositeIndex.Result> second = compute(settings, INPUTS);
        assertThat(second).isEqualTo(first);
        for (CompositeIndex.Result result : first.values()) {
            assertThat(result.rankP05()).isLessThanOrEqualTo(result.medianRank());
            assertThat(result.medianRank()).isLessThanOrEqualTo(result.rankP95());
            assertThat(result.rankP05()).isBetween(1.0, 3.0);
            assertThat(result.rankP95()).isBetween(1.0, 3.0);
        }
        // A leads and C trails in most draws.
        assertThat(first.get("A").medianRank()).isEqualTo(1.0);
        assertThat(first.get("C").medianRank()).isEqualTo(3.0);
    }

    @Test
    void percentilesAreNearestRank()
    {
        int[] sorted = new int[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(CompositeIndex.percentile(sorted, 0.05)).isEqualTo(5.0);
        assertThat(CompositeIndex.percentile(sorted, 0.5)).isEqualTo(50.0);
        assertThat(CompositeIndex.percentile(sorted, 0.95)).isEqualTo(95.0);
        assertThat(CompositeIndex.ranks(new double[] {3, 5, 5, 1})).containsExactly(3, 1, 1, 4);
    }

    private static CompositeSettings settings(String normalisation, String aggregation, double spread, List<String> normalisations, List<String> aggregations)
    {
        return new CompositeSettings(List.of(new CompositeSettings.Component("sampling_pass_rate", 0.6), new CompositeSettings.Component("case_rate", 0.4)),
                normalisation, aggregation, new CompositeSettings.Uncertainty(1000, 7, spread, normalisations, aggregations));
    }

    private static Map<String, CompositeIndex.Result> compute(CompositeSettings settings, List<CompositeIndex.Input> inputs)
    {
        return new CompositeIndex(settings, CATALOGUE).compute(inputs).stream().collect(Collectors.toMap(CompositeIndex.Result::regionCode, result -> result));
    }
}
