package org.zhijian.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Monte Carlo on Spark: the same numbers for any partitioning, exact quantiles, and goal seek that finds the smallest move. */
class TestScenarioEngine
{
    @TempDir
    static Path directory;
    private static SparkSession spark;
    private static ScenarioModel model;
    private static List<ScenarioEngine.Goal> goals;
    private static final int DRAWS = 2_000;

    @BeforeAll
    static void setUp()
            throws IOException
    {
        spark = SharedSpark.session();
        model = ScenarioModel.of(ScenarioFixtures.load(directory, "uncertain", ScenarioFixtures.uncertain("uncertain", DRAWS)), ScenarioFixtures.base());
        goals = List.of(new ScenarioEngine.Goal(0, 0, 4, 0.2, true), new ScenarioEngine.Goal(3, 0, 4, 0.2, true), new ScenarioEngine.Goal(2, 1, 3, 9, true));
    }

    @Test
    void theNumbersAreTheSameForOneTwoOrEightPartitionsAndMatchAPlainComputation()
    {
        ScenarioEngine.Result one = new ScenarioEngine(spark, 1).run(model, DRAWS, goals, true);
        ScenarioEngine.Result two = new ScenarioEngine(spark, 2).run(model, DRAWS, goals, true);
        ScenarioEngine.Result eight = new ScenarioEngine(spark, 8).run(model, DRAWS, goals, true);
        assertThat(two).isEqualTo(one);
        assertThat(eight).isEqualTo(one);
        // 4 indicators x 3 regions x 5 years; 3 targets x 3 regions; 13 moves per target; 3 levers per target.
        assertThat(one.quantiles()).hasSize(60);
        assertThat(one.chances()).hasSize(9);
        assertThat(one.sensitivities()).hasSize(39);
        assertThat(one.goalSeeks()).hasSize(9);
        for (ScenarioEngine.Quantile q : one.quantiles()) {
            assertThat(q.p5()).isLessThanOrEqualTo(q.p25());
            assertThat(q.p25()).isLessThanOrEqualTo(q.p50());
            assertThat(q.p50()).isLessThanOrEqualTo(q.p75());
            assertThat(q.p75()).isLessThanOrEqualTo(q.p95());
        }
        assertThat(one.chances()).allSatisfy(chance -> assertThat(chance.probability()).isBetween(0.0, 1.0));

        // The same draws computed one by one in this JVM: Spark's exact percentile (linear between order statistics) and counts.
        double[][] values = new double[model.outputs()][DRAWS];
        double[] out = new double[model.outputs()];
        for (int draw = 0; draw < DRAWS; draw++) {
            model.simulate(model.variates(draw), out);
            for (int i = 0; i < out.length; i++) {
                values[i][draw] = out[i];
            }
        }
        for (ScenarioEngine.Quantile q : one.quantiles()) {
            double[] sorted = values[model.index(q.indicator(), q.region(), q.year())].clone();
            Arrays.sort(sorted);
            assertThat(q.p5()).isCloseTo(percentile(sorted, 0.05), within(1e-12));
            assertThat(q.p50()).isCloseTo(percentile(sorted, 0.5), within(1e-12));
            assertThat(q.p95()).isCloseTo(percentile(sorted, 0.95), within(1e-12));
        }
        for (ScenarioEngine.Chance chance : one.chances()) {
            ScenarioEngine.Goal goal = goals.get(chance.target());
            double[] drawn = values[model.index(goal.indicator(), chance.region(), goal.year())];
            assertThat(chance.probability()).isEqualTo(Arrays.stream(drawn).filter(value -> value >= goal.value()).count() / (double) DRAWS);
        }
        // The sensitivities' reference is the main run's P50.
        for (ScenarioEngine.Reference reference : one.references()) {
            ScenarioEngine.Goal goal = goals.get(reference.target());
            double[] sorted = values[model.index(goal.indicator(), goal.region(), goal.year())].clone();
            Arrays.sort(sorted);
            assertThat(reference.p50()).isCloseTo(percentile(sorted, 0.5), within(1e-12));
        }
        // More new brands lift the contribution rate; new brands do not act on the adoption rate at all.
        ScenarioEngine.Sensitivity newBrands = one.sensitivities().stream()
                .filter(s -> s.target() == 0 && s.move().assumption() == Assumption.NEW_BRANDS && s.move().group() == 1).findFirst().orElseThrow();
        assertThat(newBrands.p50High()).isGreaterThan(newBrands.p50Low());
        assertThat(one.goalSeeks().stream().filter(seek -> seek.target() == 1 && seek.lever() == Assumption.NEW_BRANDS).findFirst().orElseThrow().status())
                .isEqualTo(ScenarioEngine.GoalSeek.Status.NO_EFFECT);
        // The contribution target is already likely: no move needed.
        assertThat(one.goalSeeks().stream().filter(seek -> seek.target() == 0).map(ScenarioEngine.GoalSeek::status)).containsOnly(ScenarioEngine.GoalSeek.Status.MET);
    }

    @Test
    void goalSeekFindsTheSmallestFactorGivingEightyPerCent()
    {
        ScenarioEngine.Result result = new ScenarioEngine(spark, 3).run(model, DRAWS, goals, true);
        List<ScenarioEngine.GoalSeek.Status> statuses = new ArrayList<>();
        for (ScenarioEngine.GoalSeek seek : result.goalSeeks()) {
            statuses.add(seek.status());
            if (seek.status() != ScenarioEngine.GoalSeek.Status.REACHED) {
                continue;
            }
            ScenarioEngine.Goal goal = goals.get(seek.target());
            assertThat(probability(seek.lever(), seek.factor(), goal)).isEqualTo(seek.probability()).isGreaterThanOrEqualTo(ScenarioEngine.GOAL);
            assertThat(probability(seek.lever(), seek.factor() - 0.005, goal)).isLessThan(ScenarioEngine.GOAL);
        }
        assertThat(statuses).contains(ScenarioEngine.GoalSeek.Status.REACHED);
    }

    @Test
    void withZeroVarianceEveryQuantileIsTheDeterministicProjection()
            throws IOException
    {
        ScenarioModel fixed = ScenarioModel.of(ScenarioFixtures.load(directory, "fixed", ScenarioFixtures.fixed("fixed")), ScenarioFixtures.base());
        double[] expected = fixed.deterministic();
        ScenarioEngine.Result result = new ScenarioEngine(spark, 4).run(fixed, 50, List.of(new ScenarioEngine.Goal(0, 0, 2, 0.2, true)), false);
        assertThat(result.quantiles()).hasSize(4 * 3 * 4);
        for (ScenarioEngine.Quantile q : result.quantiles()) {
            double value = expected[fixed.index(q.indicator(), q.region(), q.year())];
            assertThat(List.of(q.p5(), q.p25(), q.p50(), q.p75(), q.p95(), q.mean())).allSatisfy(v -> assertThat(v).isCloseTo(value, within(1e-12)));
        }
        assertThat(result.chances().get(0).probability()).isEqualTo(expected[fixed.index(0, 0, 2)] >= 0.2 ? 1.0 : 0.0);
        assertThat(result.sensitivities()).isEmpty();
    }

    private static double probability(Assumption lever, double factor, ScenarioEngine.Goal goal)
    {
        ScenarioModel moved = model.with(new ScenarioModel.Move(lever, -1), distribution -> distribution.scaled(factor));
        double[] out = new double[model.outputs()];
        int met = 0;
        for (int draw = 0; draw < DRAWS; draw++) {
            moved.simulate(model.variates(draw), out);
            met += out[model.index(goal.indicator(), goal.region(), goal.year())] >= goal.value() ? 1 : 0;
        }
        return met / (double) DRAWS;
    }

    /** Spark's percentile: linear interpolation at position p·(n−1). */
    private static double percentile(double[] sorted, double p)
    {
        double position = p * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
