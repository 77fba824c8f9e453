package org.zhijian.indicators.forecast;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Binomial draws fast enough for millions: exact by inversion for up to 64 trials; for more,
 * failures (or passes) as Poisson when rare, else the normal approximation.
 */
final class Binomials
{
    private static final int EXACT = 64;

    private Binomials() {}

    static long sample(long trials, double p, RandomGenerator random)
    {
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return trials;
        }
        if (trials <= EXACT) {
            // Inversion, counting the rarer outcome up from zero: a few steps for pass rates near 90%.
            boolean failures = p > 0.5;
            double rare = failures ? 1 - p : p;
            long count = inversion(trials, rare, random);
            return failures ? trials - count : count;
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

    /** The number of successes at probability {@code q} ≤ ½ by walking the cumulative distribution from zero. */
    private static long inversion(long trials, double q, RandomGenerator random)
    {
        double u = random.nextDouble();
        double ratio = q / (1 - q);
        double probability = Math.pow(1 - q, trials);
        double cumulative = probability;
        long count = 0;
        while (u > cumulative && count < trials) {
            probability *= ratio * (trials - count) / (count + 1);
            count++;
            cumulative += probability;
        }
        return count;
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
