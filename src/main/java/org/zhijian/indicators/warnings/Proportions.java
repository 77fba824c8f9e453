package org.zhijian.indicators.warnings;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

/** Intervals and tests for binomial proportions. */
public final class Proportions
{
    private Proportions() {}

    /** A two-sided interval. */
    public record Interval(double low, double high) {}

    /**
     * The Wilson score interval of {@code successes} in {@code trials} at normal quantile z
     * (1.96 for 95%): centre (p + z²/2n) / (1 + z²/n), half-width z / (1 + z²/n) · √(p(1−p)/n + z²/4n²).
     */
    public static Interval wilson(long successes, long trials, double z)
    {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 ≤ successes ≤ trials, trials > 0: " + successes + " of " + trials);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * The pooled two-proportion z statistic of x1/n1 against x0/n0: (p1 − p0) / √(p̄(1−p̄)(1/n1 + 1/n0)),
     * p̄ = (x1 + x0) / (n1 + n0). Zero when the pooled proportion is 0 or 1 (no variation to test).
     */
    public static double twoProportionZ(long x1, long n1, long x0, long n0)
    {
        if (n1 <= 0 || n0 <= 0) {
            throw new IllegalArgumentException("both samples need trials: " + n1 + ", " + n0);
        }
        double pooled = (double) (x1 + x0) / (n1 + n0);
        double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n0);
        if (variance == 0) {
            return 0;
        }
        return ((double) x1 / n1 - (double) x0 / n0) / Math.sqrt(variance);
    }

    /**
     * The exact one-sided p-value of {@code successes} in {@code trials} against "the rate is at
     * least {@code rate}": P(X ≤ successes) for X ~ Binomial(trials, rate). Exact, so never
     * smaller than it should be: a thin cell cannot look more extreme than it is.
     */
    public static double binomialAtMost(long successes, long trials, double rate)
    {
        if (trials <= 0 || successes < 0 || successes > trials || trials > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("need 0 ≤ successes ≤ trials, trials > 0: " + successes + " of " + trials);
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a rate is within 0–1, not " + rate);
        }
        // No random generator: only the distribution function is used.
        return new BinomialDistribution(null, (int) trials, rate).cumulativeProbability((int) successes);
    }

    /**
     * Fisher's exact one-sided p-value that the failure rate of the first sample (f1 of n1) is
     * higher than that of the second (f0 of n0): with the margins fixed, P(X ≥ f1) for X
     * hypergeometric (population n1 + n0, f1 + f0 failures, n1 drawn).
     */
    public static double fisherGreater(long f1, long n1, long f0, long n0)
    {
        if (n1 <= 0 || n0 <= 0 || f1 < 0 || f0 < 0 || f1 > n1 || f0 > n0 || n1 + n0 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("need 0 ≤ failures ≤ trials in both samples: " + f1 + " of " + n1 + ", " + f0 + " of " + n0);
        }
        return new HypergeometricDistribution(null, (int) (n1 + n0), (int) (f1 + f0), (int) n1).upperCumulativeProbability((int) f1);
    }
}
