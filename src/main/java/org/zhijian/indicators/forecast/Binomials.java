package org.zhijian.indicators.forecast;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Binomial draws fast enough for millions: exact by counting for up to 64 trials; for more,
 * failures (or passes) as Poisson when rare, else the normal approximation with continuity.
 */
final class Binomials
{
    private static final int EXACT = 64;

    private Binomials() {}

    static long sample(long trials, double p, RandomGenerator random)
    {
        if (trials <= EXACT) {
            long successes = 0;
            for (long i = 0; i < trials; i++) {
                if (random.nextDouble() < p) {
                    successes++;
                }
            }
            return successes;
        }
        double failures = trials * (1 - p);
        if (failures < 15) {
            return trials - Math.min(trials, poisson(failures, random));
        }
        double successes = trials * p;
        if (successes < 15) {
            return Math.min(trials, poisson(successes, random));
        }
        double draw = Math.rint(successes + Math.sqrt(trials * p * (1 - p)) * random.nextGaussian());
        return (long) Math.max(0, Math.min(trials, draw));
    }

    /** Poisson by inversion (Knuth): the mean is below 15 here. */
    private static long poisson(double mean, RandomGenerator random)
    {
        double limit = Math.exp(-mean);
        long count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
