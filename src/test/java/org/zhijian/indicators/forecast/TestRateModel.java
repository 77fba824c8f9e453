package org.zhijian.indicators.forecast;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The rate model on synthetic series with known parameters, generated here: a seasonal logit
 * rate with quarter-to-quarter noise, and binomial batches.
 */
class TestRateModel
{
    private static final int QUARTERS = 40;
    private static final double[] SEASON = {0.15, -0.1, -0.2, 0.15};
    private static final double NOISE = 0.15;

    /** A series' true logit each quarter (0 … QUARTERS, the last one held out) and its sampled quarters. */
    private record Synthetic(double[] truth, List<RateModel.Observation> observations) {}

    private static Synthetic synthetic(RandomGenerator random, double level, long batches)
    {
        double[] truth = new double[QUARTERS + 1];
        List<RateModel.Observation> observations = new ArrayList<>();
        for (int t = 0; t <= QUARTERS; t++) {
            truth[t] = level + SEASON[t % 4] + NOISE * random.nextGaussian();
            long passed = Binomials.sample(batches, RateModel.inverseLogit(truth[t]), random);
            observations.add(new RateModel.Observation(t, batches, passed));
        }
        return new Synthetic(truth, observations);
    }

    private static RateModel.Fit fit(Synthetic series)
    {
        return RateModel.fit(series.observations(), QUARTERS - 1, RateModel.weakPrior(RateModel.logit(0.9), 0.05, 0.5, 0.02), 0.93);
    }

    @Test
    void theMedianFollowsTheTrueRateAndTheIntervalsCoverAtAboutTheirNominalRates()
    {
        RandomGenerator random = new Well19937c(7);
        int series = 400;
        int inside80 = 0;
        int inside95 = 0;
        double error = 0;
        for (int s = 0; s < series; s++) {
            // Levels from 85% to 97%, thick enough that the batches' discreteness does not widen the intervals.
            Synthetic synthetic = synthetic(random, RateModel.logit(0.85 + 0.12 * random.nextDouble()), 400);
            RateModel.Fit fit = fit(synthetic);
            RateModel.Draws draws = RateModel.draw(fit, 1, 400, 4000, random);
            double[] observed = RateModel.sorted(draws.observed());
            RateModel.Observation held = synthetic.observations().get(QUARTERS);
            double actual = held.passed() / (double) held.batches();
            inside80 += RateModel.quantile(observed, 0.10) <= actual && actual <= RateModel.quantile(observed, 0.90) ? 1 : 0;
            inside95 += RateModel.quantile(observed, 0.025) <= actual && actual <= RateModel.quantile(observed, 0.975) ? 1 : 0;
            error += Math.abs(RateModel.quantile(RateModel.sorted(draws.rates()), 0.5) - RateModel.inverseLogit(synthetic.truth()[QUARTERS]));
        }
        // 400 series: the coverage's own sampling error is about 2 points (80%) and 1 point (95%).
        assertThat(inside80 / (double) series).isCloseTo(0.80, within(0.06));
        assertThat(inside95 / (double) series).isCloseTo(0.95, within(0.035));
        // The median true rate misses the truth by little more than the quarter's own noise (sd 0.15 on the logit ≈ 1.5 points at 90%).
        assertThat(error / series).isLessThan(0.02);
    }

    @Test
    void aThinSeriesGetsAWiderIntervalThanAThickOneAtTheSameRate()
    {
        RandomGenerator random = new Well19937c(11);
        double thin = 0;
        double thick = 0;
        for (int s = 0; s < 50; s++) {
            Synthetic few = synthetic(random, RateModel.logit(0.92), 4);
            Synthetic many = synthetic(random, RateModel.logit(0.92), 300);
            double[] fewRates = RateModel.sorted(RateModel.draw(fit(few), 1, 4, 2000, random).rates());
            double[] manyRates = RateModel.sorted(RateModel.draw(fit(many), 1, 300, 2000, random).rates());
            thin += RateModel.quantile(fewRates, 0.9) - RateModel.quantile(fewRates, 0.1);
            thick += RateModel.quantile(manyRates, 0.9) - RateModel.quantile(manyRates, 0.1);
        }
        assertThat(thin / 50).isGreaterThan(1.5 * thick / 50);
    }

    @Test
    void aSeriesWithoutHistoryIsItsPriorAndGapsAreNotZeros()
    {
        RateModel.Prior prior = RateModel.weakPrior(RateModel.logit(0.9), 0.05, 0.5, 0.02);
        RateModel.Fit empty = RateModel.fit(List.of(), 10, prior, 0.93);
        assertThat(empty.level()).isCloseTo(RateModel.logit(0.9), within(1e-9));
        assertThat(empty.levelVariance()).isCloseTo(100, within(1e-6));
        // Quarters 0-3 and 8-11 sampled at 95%, 4-7 not sampled at all: the level stays near 95%.
        List<RateModel.Observation> gappy = new ArrayList<>();
        for (int t : new int[] {0, 1, 2, 3, 8, 9, 10, 11}) {
            gappy.add(new RateModel.Observation(t, 100, 95));
        }
        RateModel.Fit fit = RateModel.fit(gappy, 11, prior, 0.93);
        assertThat(RateModel.inverseLogit(fit.mean(1))).isCloseTo(0.95, within(0.01));
    }

    @Test
    void binomialDrawsHaveTheBinomialsMeanAndVarianceOnEveryPath()
    {
        RandomGenerator random = new Well19937c(5);
        // Inversion (≤ 64 trials, either side of ½), Poisson for rare failures or passes, the normal approximation.
        for (double[] c : new double[][] {{3, 0.9}, {30, 0.9}, {40, 0.3}, {500, 0.985}, {500, 0.01}, {2000, 0.6}}) {
            long trials = (long) c[0];
            double p = c[1];
            double sum = 0;
            double squares = 0;
            int draws = 200_000;
            for (int d = 0; d < draws; d++) {
                long k = Binomials.sample(trials, p, random);
                assertThat(k).isBetween(0L, trials);
                sum += k;
                squares += (double) k * k;
            }
            double mean = sum / draws;
            double variance = squares / draws - mean * mean;
            assertThat(mean).as("mean of Binomial(%d, %s)", trials, p).isCloseTo(trials * p, within(0.01 * trials * p + 0.02));
            assertThat(variance).as("variance of Binomial(%d, %s)", trials, p).isCloseTo(trials * p * (1 - p), within(0.05 * trials * p * (1 - p) + 0.02));
        }
    }
}
