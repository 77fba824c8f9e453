package org.zhijian.scenario;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

/**
 * Runs a scenario's Monte Carlo on Spark: draws are cut into contiguous ranges, one per task, and
 * every draw takes its random numbers from (seed, draw index) alone, so any number of partitions,
 * threads or executors gives the same numbers. Quantiles are Spark's exact percentiles and
 * probabilities exact counts, both independent of the order rows arrive in.
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
        JavaRDD<Row> values = ranges(draws).flatMap(range -> new DrawIterator<>(range, draw -> {
            double[] out = new double[model.outputs()];
            model.simulate(model.variates(draw), out);
            List<Row> rows = new ArrayList<>(out.length);
            for (int i = 0; i < ScenarioSpec.INDICATORS.size(); i++) {
                for (int r = 0; r < model.regions(); r++) {
                    for (int t = 0; t <= model.horizon(); t++) {
                        double value = out[model.index(i, r, t)];
                        if (!Double.isNaN(value)) {
                            rows.add(RowFactory.create(i, r, t, value));
                        }
                    }
                }
            }
            return rows;
        }));
        StructType schema = new StructType().add("i", DataTypes.IntegerType).add("r", DataTypes.IntegerType).add("t", DataTypes.IntegerType).add("v", DataTypes.DoubleType);
        List<org.apache.spark.sql.Column> aggregates = new ArrayList<>();
        // A sum of doubles depends on the order rows arrive in; a decimal sum does not, so the mean is the same for any partitioning.
        aggregates.add(expr("CAST(avg(CAST(v AS DECIMAL(38, 18))) AS DOUBLE)").as("mean"));
        for (int k = 0; k < goals.size(); k++) {
            Goal goal = goals.get(k);
            aggregates.add(expr("avg(CASE WHEN i = " + goal.indicator() + " AND t = " + goal.year() + " THEN CASE WHEN v " + (goal.higher() ? ">=" : "<=") + " "
                    + java.math.BigDecimal.valueOf(goal.value()).toPlainString() + "D THEN 1D ELSE 0D END END)").as("p" + k));
        }
        Dataset<Row> table = spark.createDataFrame(values, schema).groupBy("i", "r", "t")
                .agg(expr("percentile(v, array(" + String.join(", ", Arrays.stream(LEVELS).mapToObj(Double::toString).toList()) + "))").as("q"),
                        aggregates.toArray(new org.apache.spark.sql.Column[0]))
                .orderBy(col("i"), col("r"), col("t"));
        for (Row row : table.collectAsList()) {
            List<Double> q = row.getList(3);
            int i = row.getInt(0);
            int r = row.getInt(1);
            int t = row.getInt(2);
            quantiles.add(new Quantile(i, r, t, q.get(0), q.get(1), q.get(2), q.get(3), q.get(4), row.getDouble(4)));
            for (int k = 0; k < goals.size(); k++) {
                if (!row.isNullAt(5 + k)) {
                    chances.add(new Chance(k, r, row.getDouble(5 + k)));
                }
            }
        }
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
        JavaRDD<Row> values = ranges(draws).flatMap(range -> new DrawIterator<>(range, draw -> {
            ScenarioModel.Variates variates = model.variates(draw);
            double[] out = new double[model.outputs()];
            List<Row> rows = new ArrayList<>(variants.size() * goals.size());
            for (int v = 0; v < variants.size(); v++) {
                variants.get(v).simulate(variates, out);
                for (int k = 0; k < goals.size(); k++) {
                    Goal goal = goals.get(k);
                    double value = out[model.index(goal.indicator(), goal.region(), goal.year())];
                    if (!Double.isNaN(value)) {
                        rows.add(RowFactory.create(v, k, value, goal.met(value) ? 1.0 : 0.0));
                    }
                }
            }
            return rows;
        }));
        StructType schema = new StructType().add("variant", DataTypes.IntegerType).add("k", DataTypes.IntegerType)
                .add("v", DataTypes.DoubleType).add("met", DataTypes.DoubleType);
        double[][] p50 = new double[variants.size()][goals.size()];
        double[][] probability = new double[variants.size()][goals.size()];
        for (double[] row : p50) {
            Arrays.fill(row, Double.NaN);
        }
        for (Row row : spark.createDataFrame(values, schema).groupBy("variant", "k").agg(expr("percentile(v, 0.5)"), avg("met")).collectAsList()) {
            p50[row.getInt(0)][row.getInt(1)] = row.getDouble(2);
            probability[row.getInt(0)][row.getInt(1)] = row.getDouble(3);
        }
        for (int k = 0; k < goals.size(); k++) {
            references.add(new Reference(k, p50[0][k], probability[0][k]));
            for (int m = 0; m < moves.size(); m++) {
                sensitivities.add(new Sensitivity(k, moves.get(m), p50[1 + 2 * m][k], p50[2 + 2 * m][k], probability[1 + 2 * m][k], probability[2 + 2 * m][k]));
            }
        }
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

    /** The rows of each draw of a range, draw by draw. */
    private static final class DrawIterator<T>
            implements Iterator<T>
    {
        private final long end;
        private final org.apache.spark.api.java.function.Function<Long, List<T>> rows;
        private long next;
        private Iterator<T> current = java.util.Collections.emptyIterator();

        DrawIterator(long[] range, org.apache.spark.api.java.function.Function<Long, List<T>> rows)
        {
            this.next = range[0];
            this.end = range[1];
            this.rows = rows;
        }

        @Override
        public boolean hasNext()
        {
            while (!current.hasNext() && next < end) {
                try {
                    current = rows.call(next++).iterator();
                }
                catch (Exception e) {
                    throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                }
            }
            return current.hasNext();
        }

        @Override
        public T next()
        {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return current.next();
        }
    }
}
