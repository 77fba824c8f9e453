package org.zhijian.scenario;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import static java.util.Objects.requireNonNull;

/**
 * Runs a scenario's Monte Carlo on Spark: draws are cut into contiguous ranges, one per task, and
 * every draw takes its random numbers from (seed, draw index) alone, so any number of partitions,
 * threads or executors gives the same numbers. The tasks simulate in plain Java and return their
 * ranges' values; the driver puts them in draw order and takes exact percentiles (as Spark's
 * {@code percentile}), means summed in draw order and exact counts, so no number depends on the
 * partitioning. (Per-draw rows through Spark SQL's percentile took most of a scenario's time.)
 */
public final class ScenarioEngine
{
    /** The probability of meeting a target that goal seek asks a lever to reach. */
    public static final double GOAL = 0.8;
    /** Below this probability a target is unlikely; from it up to {@link #GOAL}, at risk. */
    public static final double AT_RISK_FROM = 0.5;

    /** How likely a target is, judged on its probability: likely from {@link #GOAL}, at risk from {@link #AT_RISK_FROM}, unlikely below. */
    public enum Likelihood
    {
        LIKELY, AT_RISK, UNLIKELY;

        public static Likelihood of(double probability)
        {
            return probability >= GOAL ? LIKELY : probability >= AT_RISK_FROM ? AT_RISK : UNLIKELY;
        }
    }

    /** How far goal seek may move a lever: up to three times its mean. */
    public static final double MAX_FACTOR = 3.0;
    private static final int BISECTIONS = 10;
    private static final double[] LEVELS = {0.05, 0.25, 0.5, 0.75, 0.95};

    /** A target as the engine checks it: indicator and region indexes, year offset, and whether higher is better. */
    public record Goal(int indicator, int region, int year, double value, boolean higher)
            implements Serializable
    {
        boolean met(double actual)
        {
            return higher ? actual >= value : actual <= value;
        }
    }

    /** P5…P95 and mean of an indicator in a region and year (offset from the base year). */
    public record Quantile(int indicator, int region, int year, double p5, double p25, double p50, double p75, double p95, double mean) {}

    /** The share of draws in which a region reaches a target's value in the target's year. */
    public record Chance(int target, int region, double probability) {}

    /** The target-year P50 and probability with one assumption moved down and up by one sd (or 20%). */
    public record Sensitivity(int target, ScenarioModel.Move move, double p50Low, double p50High, double probabilityLow, double probabilityHigh) {}

    /** The P50 and probability of a target in the unmoved model, for the sensitivities' reference. */
    public record Reference(int target, double p50, double probability) {}

    /**
     * The smallest factor on a lever's mean (1 to 3) giving at least {@link #GOAL} probability:
     * status {@code met} (already at factor 1), {@code reached}, {@code unreachable} (not at 3) or
     * {@code no_effect} (the lever does not move the target); probability at the factor found (or at 3).
     */
    public record GoalSeek(int target, Assumption lever, Status status, double factor, double probability)
    {
        /** What the bisection found for a lever and target. */
        public enum Status
        {
            /** At least 80% likely already, with the lever as assumed. */
            MET,
            /** 80% likely once the lever's mean is multiplied by the factor found (at most 3). */
            REACHED,
            /** Under 80% even at three times the lever's mean. */
            UNREACHABLE,
            /** Tripling the lever does not change the probability at all: it does not act on this target. */
            NO_EFFECT;

            /** How the lake's goal-seek table writes it. */
            public String id()
            {
                return name().toLowerCase(java.util.Locale.ROOT);
            }

            /** Whether a factor was found (or none was needed). */
            public boolean found()
            {
                return this == MET || this == REACHED;
            }
        }
    }

    public record Result(List<Quantile> quantiles, List<Chance> chances, List<Reference> references, List<Sensitivity> sensitivities, List<GoalSeek> goalSeeks)
    {
        /** An indicator's quantiles in a region and year (offset), absent where no draw had a value (a city without brands has no share). */
        public java.util.Optional<Quantile> quantile(int indicator, int region, int year)
        {
            return quantiles.stream().filter(q -> q.indicator() == indicator && q.region() == region && q.year() == year).findFirst();
        }

        /** The probability of a region meeting target {@code target}'s value, if it had values. */
        public java.util.Optional<Double> chance(int target, int region)
        {
            return chances.stream().filter(c -> c.target() == target && c.region() == region).map(Chance::probability).findFirst();
        }
    }

    private final SparkSession spark;
    private final int partitions;

    /** {@code partitions}: how many tasks the draws are cut into (the numbers do not depend on it). */
    public ScenarioEngine(SparkSession spark, int partitions)
    {
        this.spark = requireNonNull(spark, "spark is null");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive");
        }
        this.partitions = partitions;
    }

    public Result run(ScenarioModel model, int draws, List<Goal> goals, boolean analyses)
    {
        List<Quantile> quantiles = new ArrayList<>();
        List<Chance> chances = new ArrayList<>();
        quantiles(model, draws, goals, quantiles, chances);
        List<Reference> references = new ArrayList<>();
        List<Sensitivity> sensitivities = new ArrayList<>();
        List<GoalSeek> seeks = new ArrayList<>();
        if (analyses && !goals.isEmpty()) {
            sensitivities(model, draws, goals, references, sensitivities);
            seeks.addAll(goalSeek(model, draws, goals));
        }
        return new Result(quantiles, chances, references, sensitivities, seeks);
    }

    /** The draws [0, n) cut into contiguous ranges, at most one per draw. */
    private JavaRDD<long[]> ranges(int draws)
    {
        int slices = Math.max(1, Math.min(partitions, draws));
        List<long[]> ranges = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            ranges.add(new long[] {(long) draws * i / slices, (long) draws * (i + 1) / slices});
        }
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ranges, slices);
    }

    private void quantiles(ScenarioModel model, int draws, List<Goal> goals, List<Quantile> quantiles, List<Chance> chances)
    {
        // The outputs' index runs indicator, region, year, and columns arrive in index order: the order the quantiles are listed in.
        int years = model.horizon() + 1;
        columns(draws, model.outputs(), (draw, out) -> model.simulate(model.variates(draw), out), (index, column) -> {
            double[] values = drawn(column);
            if (values.length == 0) {
                return;
            }
            int i = index / (model.regions() * years);
            int r = index / years % model.regions();
            int t = index % years;
            double mean = mean(values);
            Arrays.sort(values);
            quantiles.add(new Quantile(i, r, t, percentile(values, LEVELS[0]), percentile(values, LEVELS[1]), percentile(values, LEVELS[2]),
                    percentile(values, LEVELS[3]), percentile(values, LEVELS[4]), mean));
            for (int k = 0; k < goals.size(); k++) {
                Goal goal = goals.get(k);
                if (goal.indicator() == i && goal.year() == t) {
                    chances.add(new Chance(k, r, share(values, goal)));
                }
            }
        });
    }

    /** Every assumption of each group, and the shock, moved one sd down and up. */
    private void sensitivities(ScenarioModel model, int draws, List<Goal> goals, List<Reference> references, List<Sensitivity> sensitivities)
    {
        List<ScenarioModel.Move> moves = new ArrayList<>();
        moves.add(new ScenarioModel.Move(null, -1));
        for (Assumption assumption : Assumption.values()) {
            for (int group = 0; group < 2; group++) {
                moves.add(new ScenarioModel.Move(assumption, group));
            }
        }
        List<ScenarioModel> variants = new ArrayList<>();
        variants.add(model);
        for (ScenarioModel.Move move : moves) {
            variants.add(model.with(move, distribution -> distribution.shifted(-step(distribution))));
            variants.add(model.with(move, distribution -> distribution.shifted(step(distribution))));
        }
        // A column per variant and target: the target's value in each draw.
        int width = variants.size() * goals.size();
        double[][] p50 = new double[variants.size()][goals.size()];
        double[][] probability = new double[variants.size()][goals.size()];
        columns(draws, width, (draw, values) -> {
            ScenarioModel.Variates variates = model.variates(draw);
            double[] out = new double[model.outputs()];
            for (int v = 0; v < variants.size(); v++) {
                variants.get(v).simulate(variates, out);
                for (int k = 0; k < goals.size(); k++) {
                    Goal goal = goals.get(k);
                    values[v * goals.size() + k] = out[model.index(goal.indicator(), goal.region(), goal.year())];
                }
            }
        }, (index, column) -> {
            double[] values = drawn(column);
            int v = index / goals.size();
            int k = index % goals.size();
            // The share of draws meeting the target is counted before the sort: the order does not matter to it.
            probability[v][k] = values.length == 0 ? 0 : share(values, goals.get(k));
            Arrays.sort(values);
            p50[v][k] = values.length == 0 ? Double.NaN : percentile(values, 0.5);
        });
        for (int k = 0; k < goals.size(); k++) {
            references.add(new Reference(k, p50[0][k], probability[0][k]));
            for (int m = 0; m < moves.size(); m++) {
                sensitivities.add(new Sensitivity(k, moves.get(m), p50[1 + 2 * m][k], p50[2 + 2 * m][k], probability[1 + 2 * m][k], probability[2 + 2 * m][k]));
            }
        }
    }

    /** Fills {@code out} with a draw's values: a function of the draw's index alone. */
    @FunctionalInterface
    private interface DrawValues
            extends Serializable
    {
        void values(long draw, double[] out);
    }

    /**
     * How many values one pass brings to the driver at most: a sixteenth of the heap (at least 64 MB);
     * wider results take more passes over the draws, each simulating every draw again (10,000 draws
     * take one pass; a million draws of 288 values several, under the launcher's 4 GB nine).
     */
    private static final long VALUES_PER_PASS = Math.max(8L << 20, Runtime.getRuntime().maxMemory() / 16 / Double.BYTES);

    /** Takes one column of {@link #columns}: its index and every draw's value, in draw order. */
    @FunctionalInterface
    private interface ColumnSink
    {
        void accept(int index, double[] column);
    }

    /**
     * Every draw's {@code width} values, column by column in index order ({@code sink} gets each
     * column's values in draw order). The draws are simulated in the tasks, plain Java, and each
     * task returns its range's values; the driver puts the ranges end to end, so a column does not
     * depend on the partitioning. When draws × width is over {@link #VALUES_PER_PASS}, the columns
     * come in slices, one pass over the draws each, and the driver holds one slice at a time.
     */
    private void columns(int draws, int width, DrawValues function, ColumnSink sink)
    {
        int slice = (int) Math.max(1, Math.min(width, VALUES_PER_PASS / draws));
        for (int from = 0; from < width; from += slice) {
            int first = from;
            int last = Math.min(width, from + slice);
            List<double[][]> parts = ranges(draws).map(range -> {
                int length = (int) (range[1] - range[0]);
                double[][] part = new double[last - first][length];
                double[] out = new double[width];
                for (int d = 0; d < length; d++) {
                    function.values(range[0] + d, out);
                    for (int c = first; c < last; c++) {
                        part[c - first][d] = out[c];
                    }
                }
                return part;
            }).collect();
            for (int c = first; c < last; c++) {
                double[] column = new double[draws];
                int at = 0;
                for (double[][] part : parts) {
                    System.arraycopy(part[c - first], 0, column, at, part[c - first].length);
                    at += part[c - first].length;
                }
                sink.accept(c, column);
            }
        }
    }

    /** A column's values without the draws that had none (NaN: a city without brands has no share). */
    private static double[] drawn(double[] column)
    {
        return Arrays.stream(column).filter(value -> !Double.isNaN(value)).toArray();
    }

    /** The mean, summed in draw order: the same for any partitioning. */
    private static double mean(double[] values)
    {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** The share of values meeting the goal. */
    private static double share(double[] values, Goal goal)
    {
        long met = Arrays.stream(values).filter(goal::met).count();
        return (double) met / values.length;
    }

    /**
     * The exact percentile of sorted values, as Spark's and Hive's {@code percentile}: linear
     * between the order statistics around position p × (n − 1).
     */
    static double percentile(double[] sorted, double p)
    {
        double position = p * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int higher = (int) Math.ceil(position);
        if (lower == higher || sorted[lower] == sorted[higher]) {
            return sorted[lower];
        }
        return (higher - position) * sorted[lower] + (position - lower) * sorted[higher];
    }

    /** One sd, or 20% of the value where the distribution has none (a fixed value). */
    public static double step(Distribution distribution)
    {
        double sd = distribution.sd();
        return Double.isNaN(sd) || sd == 0 ? Math.abs(distribution.mean()) * 0.2 : sd;
    }

    /**
     * For each target and lever, bisection on the factor in [1, 3], every pair advancing together:
     * each round is one pass over the draws evaluating every pair's next factor.
     */
    private List<GoalSeek> goalSeek(ScenarioModel model, int draws, List<Goal> goals)
    {
        int pairs = goals.size() * Assumption.LEVERS.size();
        double[] low = new double[pairs];
        double[] high = new double[pairs];
        double[] atHigh = new double[pairs];
        double[] factors = new double[pairs * 2];
        for (int p = 0; p < pairs; p++) {
            factors[2 * p] = 1;
            factors[2 * p + 1] = MAX_FACTOR;
        }
        double[] first = probabilities(model, draws, goals, factors);
        GoalSeek.Status[] status = new GoalSeek.Status[pairs];
        for (int p = 0; p < pairs; p++) {
            low[p] = 1;
            high[p] = MAX_FACTOR;
            atHigh[p] = first[2 * p + 1];
            if (first[2 * p] >= GOAL) {
                status[p] = GoalSeek.Status.MET;
                high[p] = 1;
                atHigh[p] = first[2 * p];
            }
            else if (first[2 * p + 1] < GOAL) {
                // Not reachable; and when tripling the lever changes nothing, it does not act on this target at all.
                status[p] = first[2 * p + 1] == first[2 * p] ? GoalSeek.Status.NO_EFFECT : GoalSeek.Status.UNREACHABLE;
            }
            else {
                status[p] = GoalSeek.Status.REACHED;
            }
        }
        for (int round = 0; round < BISECTIONS; round++) {
            double[] middle = new double[pairs];
            boolean any = false;
            for (int p = 0; p < pairs; p++) {
                middle[p] = status[p] == GoalSeek.Status.REACHED ? (low[p] + high[p]) / 2 : Double.NaN;
                any |= status[p] == GoalSeek.Status.REACHED;
            }
            if (!any) {
                break;
            }
            double[] found = probabilities(model, draws, goals, middle);
            for (int p = 0; p < pairs; p++) {
                if (Double.isNaN(middle[p])) {
                    continue;
                }
                if (found[p] >= GOAL) {
                    high[p] = middle[p];
                    atHigh[p] = found[p];
                }
                else {
                    low[p] = middle[p];
                }
            }
        }
        List<GoalSeek> result = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            result.add(new GoalSeek(p / Assumption.LEVERS.size(), Assumption.LEVERS.get(p % Assumption.LEVERS.size()), status[p], high[p], atHigh[p]));
        }
        return result;
    }

    /**
     * The probability of meeting each evaluation's target, one evaluation per factor (NaN: skip):
     * evaluation e moves lever e / 2 % levers of target e / 2 / levers when factors hold two per pair,
     * or lever e % levers of target e / levers when one.
     */
    private double[] probabilities(ScenarioModel model, int draws, List<Goal> goals, double[] factors)
    {
        int levers = Assumption.LEVERS.size();
        int perPair = factors.length / (goals.size() * levers);
        List<ScenarioModel> models = new ArrayList<>();
        int[] targetOf = new int[factors.length];
        for (int e = 0; e < factors.length; e++) {
            int pair = e / perPair;
            targetOf[e] = pair / levers;
            double factor = factors[e];
            models.add(Double.isNaN(factor) ? null
                    : model.with(new ScenarioModel.Move(Assumption.LEVERS.get(pair % levers), -1), distribution -> distribution.scaled(factor)));
        }
        long[] counts = ranges(draws).map(range -> {
            long[] met = new long[models.size()];
            double[] out = new double[model.outputs()];
            for (long draw = range[0]; draw < range[1]; draw++) {
                ScenarioModel.Variates variates = model.variates(draw);
                for (int e = 0; e < models.size(); e++) {
                    if (models.get(e) == null) {
                        continue;
                    }
                    models.get(e).simulate(variates, out);
                    Goal goal = goals.get(targetOf[e]);
                    double value = out[model.index(goal.indicator(), goal.region(), goal.year())];
                    if (!Double.isNaN(value) && goal.met(value)) {
                        met[e]++;
                    }
                }
            }
            return met;
        }).reduce((a, b) -> {
            long[] sum = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                sum[i] = a[i] + b[i];
            }
            return sum;
        });
        double[] probabilities = new double[factors.length];
        for (int e = 0; e < factors.length; e++) {
            probabilities[e] = (double) counts[e] / draws;
        }
        return probabilities;
    }
}
