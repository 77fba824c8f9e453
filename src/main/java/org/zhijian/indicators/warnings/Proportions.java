package org.zhijian.indicators.warnings;

/** Interval and test for binomial proportions. */
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
}
