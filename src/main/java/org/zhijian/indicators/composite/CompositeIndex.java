package org.zhijian.indicators.composite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.zhijian.indicators.IndicatorCatalogue;

import static java.util.Objects.requireNonNull;

/**
 * The composite assessment index of the regions of one level, year by year: normalised
 * sub-scores, the weighted aggregate on 0–100, the rank, and a seeded Monte Carlo over weights,
 * normalisation and aggregation giving each region's median rank and 5–95% rank interval.
 * Plain computation over a few hundred values; the build collects them from the lake.
 */
public final class CompositeIndex
{
    /** One yearly indicator value of one region. */
    public record Input(String indicatorId, String level, String regionCode, int year, double value) {}

    /** An indicator's part in a region's score. */
    public record SubScore(String indicatorId, double value, double normalised, double weight) {}

    /** A region's index in a year. */
    public record Result(String level, String regionCode, int year, double score, int rank, int peers,
            double medianRank, double rankP05, double rankP95, List<SubScore> subScores) {}

    private final CompositeSettings settings;
    private final List<IndicatorCatalogue.Indicator> components;
    private final double[] weights;

    public CompositeIndex(CompositeSettings settings, IndicatorCatalogue catalogue)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.components = settings.indicators().stream().map(component -> catalogue.indicator(component.id()).orElseThrow()).toList();
        this.weights = settings.indicators().stream().mapToDouble(CompositeSettings.Component::weight).toArray();
    }

    public List<Result> compute(List<Input> inputs)
    {
        Map<String, Map<String, double[]>> groups = new TreeMap<>();
        for (Input input : inputs) {
            int k = indexOf(input.indicatorId());
            if (k < 0 || Double.isNaN(input.value())) {
                continue;
            }
            groups.computeIfAbsent(input.level() + "|" + input.year(), ignored -> new TreeMap<>())
                    .computeIfAbsent(input.regionCode(), ignored -> filled(components.size()))[k] = input.value();
        }
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, Map<String, double[]>> group : groups.entrySet()) {
            String level = group.getKey().substring(0, group.getKey().indexOf('|'));
            int year = Integer.parseInt(group.getKey().substring(group.getKey().indexOf('|') + 1));
            results.addAll(computeGroup(level, year, group.getValue()));
        }
        return results;
    }

    private List<Result> computeGroup(String level, int year, Map<String, double[]> byRegion)
    {
        String[] regions = byRegion.keySet().toArray(String[]::new);
        double[][] values = byRegion.values().toArray(double[][]::new);
        double[][] normalised = normalise(values, settings.normalisation());
        double[] scores = new double[regions.length];
        for (int r = 0; r < regions.length; r++) {
            scores[r] = aggregate(normalised[r], weights, settings.aggregation());
        }
        int[] ranks = ranks(scores);

        CompositeSettings.Uncertainty uncertainty = settings.uncertainty();
        SplittableRandom random = new SplittableRandom(uncertainty.seed() ^ (level.hashCode() * 0x9E3779B97F4A7C15L) ^ (year * 0xBF58476D1CE4E5B9L));
        int[][] drawnRanks = new int[regions.length][uncertainty.draws()];
        Map<String, double[][]> normalisedBy = new TreeMap<>();
        for (String method : uncertainty.normalisations()) {
            normalisedBy.put(method, normalise(values, method));
        }
        double[] drawnWeights = new double[weights.length];
        double[] drawnScores = new double[regions.length];
        for (int d = 0; d < uncertainty.draws(); d++) {
            for (int k = 0; k < weights.length; k++) {
                drawnWeights[k] = weights[k] * (1 + uncertainty.weightSpread() * (2 * random.nextDouble() - 1));
            }
            double[][] drawnNormalised = normalisedBy.get(uncertainty.normalisations().get(random.nextInt(uncertainty.normalisations().size())));
            String aggregation = uncertainty.aggregations().get(random.nextInt(uncertainty.aggregations().size()));
            for (int r = 0; r < regions.length; r++) {
                drawnScores[r] = aggregate(drawnNormalised[r], drawnWeights, aggregation);
            }
            int[] drawn = ranks(drawnScores);
            for (int r = 0; r < regions.length; r++) {
                drawnRanks[r][d] = drawn[r];
            }
        }
        List<Result> results = new ArrayList<>();
        for (int r = 0; r < regions.length; r++) {
            int[] sorted = drawnRanks[r].clone();
            Arrays.sort(sorted);
            double available = 0;
            for (int k = 0; k < weights.length; k++) {
                available += Double.isNaN(values[r][k]) ? 0 : weights[k];
            }
            List<SubScore> subScores = new ArrayList<>();
            for (int k = 0; k < weights.length; k++) {
                if (!Double.isNaN(values[r][k])) {
                    subScores.add(new SubScore(components.get(k).id(), values[r][k], normalised[r][k], weights[k] / available));
                }
            }
            results.add(new Result(level, regions[r], year, scores[r], ranks[r], regions.length,
                    percentile(sorted, 0.5), percentile(sorted, 0.05), percentile(sorted, 0.95), subScores));
        }
        results.sort(Comparator.comparingInt(Result::rank).thenComparing(Result::regionCode));
        return results;
    }

    /** Each indicator's values normalised to 0–1 (1 best), NaN where a region has none. */
    double[][] normalise(double[][] values, String method)
    {
        int regions = values.length;
        double[][] normalised = new double[regions][components.size()];
        for (int k = 0; k < components.size(); k++) {
            IndicatorCatalogue.Indicator indicator = components.get(k);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : values) {
                if (!Double.isNaN(row[k])) {
                    min = Math.min(min, row[k]);
                    max = Math.max(max, row[k]);
                }
            }
            boolean toTarget = method.equals("distance_to_target") && indicator.target() != null && indicator.target() > 0;
            for (int r = 0; r < regions; r++) {
                double x = values[r][k];
                double s;
                if (Double.isNaN(x)) {
                    s = Double.NaN;
                }
                else if (toTarget) {
                    double target = indicator.target();
                    s = indicator.higherIsBetter() ? Math.min(1, Math.max(0, x / target)) : x <= target ? 1 : target / x;
                }
                else if (max == min) {
                    s = 0.5;
                }
                else {
                    s = indicator.higherIsBetter() ? (x - min) / (max - min) : (max - x) / (max - min);
                }
                normalised[r][k] = s;
            }
        }
        return normalised;
    }

    /** 100 × the weighted aggregate of the sub-scores a region has, weights rescaled to sum to 1 over them. */
    static double aggregate(double[] subScores, double[] weights, String aggregation)
    {
        double total = 0;
        for (int k = 0; k < subScores.length; k++) {
            total += Double.isNaN(subScores[k]) ? 0 : weights[k];
        }
        if (total == 0) {
            return Double.NaN;
        }
        boolean geometric = aggregation.equals("geometric");
        double result = 0;
        for (int k = 0; k < subScores.length; k++) {
            if (Double.isNaN(subScores[k])) {
                continue;
            }
            double weight = weights[k] / total;
            result += geometric ? weight * Math.log(0.01 + 0.99 * subScores[k]) : weight * subScores[k];
        }
        return 100 * (geometric ? Math.exp(result) : result);
    }

    /** Rank 1 for the highest score; equal scores share the better rank. */
    static int[] ranks(double[] scores)
    {
        int[] ranks = new int[scores.length];
        for (int r = 0; r < scores.length; r++) {
            int better = 0;
            for (double other : scores) {
                if (other > scores[r]) {
                    better++;
                }
            }
            ranks[r] = better + 1;
        }
        return ranks;
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least p of the values at or below it. */
    static double percentile(int[] sorted, double p)
    {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private int indexOf(String indicatorId)
    {
        for (int k = 0; k < components.size(); k++) {
            if (components.get(k).id().equals(indicatorId)) {
                return k;
            }
        }
        return -1;
    }

    private static double[] filled(int size)
    {
        double[] values = new double[size];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
