package org.zhijian.generate;

import java.util.Arrays;

/** Draws an index with probability proportional to its weight, by binary search over cumulative weights. */
final class WeightedChoice
{
    private final double[] cumulative;

    WeightedChoice(double[] weights)
    {
        cumulative = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("negative weight at " + i);
            }
            total += weights[i];
            cumulative[i] = total;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("weights sum to zero");
        }
    }

    int size()
    {
        return cumulative.length;
    }

    int next(RandomSource random)
    {
        double target = random.uniform() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, target);
        if (index < 0) {
            index = -index - 1;
        }
        return Math.min(index, cumulative.length - 1);
    }
}
