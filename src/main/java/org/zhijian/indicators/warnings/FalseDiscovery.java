package org.zhijian.indicators.warnings;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Benjamini–Hochberg procedure over one family of tests (J. R. Stat. Soc. B 57, 1995): of m
 * p-values sorted p(1) ≤ … ≤ p(m), reject the k smallest for the largest k with p(k) ≤ k·q/m.
 * Among the tests it rejects, the expected share of true null hypotheses is then at most q
 * (exactly q·m₀/m for independent continuous p-values; less for exact discrete ones).
 * Given as adjusted p-values (q-values): q(k) = min over j ≥ k of p(j)·m/j, capped at 1, so a test
 * is rejected at level q exactly when its adjusted value is at most q — one family, any level.
 */
public final class FalseDiscovery
{
    private final double[] adjusted;
    private final int[] ranks;

    private FalseDiscovery(double[] adjusted, int[] ranks)
    {
        this.adjusted = adjusted;
        this.ranks = ranks;
    }

    /** Adjusts the family {@code pValues} (in any order; the results keep it). */
    public static FalseDiscovery adjust(double[] pValues)
    {
        int m = pValues.length;
        for (double p : pValues) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("a p-value is within 0–1, not " + p);
            }
        }
        // Ascending p, ties in their given order so that ranks are reproducible.
        Integer[] order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble((Integer i) -> pValues[i]).thenComparingInt(i -> i)).toArray(Integer[]::new);
        double[] adjusted = new double[m];
        int[] ranks = new int[m];
        double running = 1;
        for (int k = m; k >= 1; k--) {
            int index = order[k - 1];
            running = Math.min(running, pValues[index] * m / k);
            adjusted[index] = running;
            ranks[index] = k;
        }
        return new FalseDiscovery(adjusted, ranks);
    }

    /** The number of tests in the family. */
    public int tests()
    {
        return adjusted.length;
    }

    /** Test {@code i}'s adjusted p-value: it is rejected at false-discovery rate q when this is at most q. */
    public double adjusted(int i)
    {
        return adjusted[i];
    }

    /** Test {@code i}'s rank among the family's p-values, 1 for the smallest. */
    public int rank(int i)
    {
        return ranks[i];
    }

    public boolean rejected(int i, double rate)
    {
        return adjusted[i] <= rate;
    }
}
