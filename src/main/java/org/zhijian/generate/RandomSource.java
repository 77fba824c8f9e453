package org.zhijian.generate;

import java.util.SplittableRandom;

/**
 * A seeded random stream whose every method is defined here (SplitMix64 underneath, Box-Muller
 * for normals, StrictMath throughout), so that the same seed gives the same numbers on any JVM.
 */
final class RandomSource
{
    private final SplittableRandom random;
    private double spareGaussian;
    private boolean hasSpare;

    RandomSource(long seed, long stream)
    {
        this.random = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + stream));
    }

    static long mix(long value)
    {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    double uniform()
    {
        return random.nextDouble();
    }

    double uniform(double low, double high)
    {
        return low + (high - low) * random.nextDouble();
    }

    int nextInt(int bound)
    {
        return random.nextInt(bound);
    }

    int nextInt(int low, int highExclusive)
    {
        return low + random.nextInt(highExclusive - low);
    }

    boolean chance(double probability)
    {
        return random.nextDouble() < probability;
    }

    double gaussian()
    {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * factor;
        hasSpare = true;
        return u * factor;
    }

    double gaussian(double mean, double sd)
    {
        return mean + sd * gaussian();
    }

    double logNormal(double median, double sigma)
    {
        return median * StrictMath.exp(sigma * gaussian());
    }

    int poisson(double mean)
    {
        if (mean > 30) {
            return Math.max(0, (int) Math.round(gaussian(mean, StrictMath.sqrt(mean))));
        }
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    <T> T pick(T[] values)
    {
        return values[random.nextInt(values.length)];
    }

    <T> T pick(java.util.List<T> values)
    {
        return values.get(random.nextInt(values.size()));
    }
}
