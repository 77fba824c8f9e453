package org.zhijian.scenario;

import java.io.Serializable;

/**
 * An assumption's uncertainty. Every distribution draws by inverting its CDF at one standard
 * uniform (a normal through the standard normal deviate of that uniform), so a draw takes the same
 * random number whatever the distribution, and moving a distribution's centre moves every draw the
 * same way: the sensitivity and goal-seek runs compare like with like (common random numbers), and
 * a probability of meeting a target grows monotonically with a lever.
 */
public sealed interface Distribution
        extends Serializable
{
    /** The value at uniform {@code u} in (0, 1), whose standard normal deviate is {@code z}. */
    double sample(double u, double z);

    double mean();

    /** The standard deviation, or NaN for a fixed value (which has none). */
    double sd();

    /** The same shape, centred {@code delta} further up. */
    Distribution shifted(double delta);

    /** The same shape, its mean multiplied by {@code factor} (a lever's move in goal seek). */
    default Distribution scaled(double factor)
    {
        return shifted(mean() * (factor - 1));
    }

    /** In a few words, e.g. {@code normal(0.06, sd 0.02)} or {@code triangular(0.05, 0.08, 0.11)}. */
    String describe();

    record Fixed(double value)
            implements Distribution
    {
        @Override
        public double sample(double u, double z)
        {
            return value;
        }

        @Override
        public double mean()
        {
            return value;
        }

        @Override
        public double sd()
        {
            return Double.NaN;
        }

        @Override
        public Distribution shifted(double delta)
        {
            return new Fixed(value + delta);
        }

        @Override
        public String describe()
        {
            return number(value);
        }
    }

    record Normal(double mean, double sd)
            implements Distribution
    {
        @Override
        public double sample(double u, double z)
        {
            return mean + sd * z;
        }

        @Override
        public Distribution shifted(double delta)
        {
            return new Normal(mean + delta, sd);
        }

        @Override
        public String describe()
        {
            return "normal(" + number(mean) + ", sd " + number(sd) + ")";
        }
    }

    record Triangular(double min, double mode, double max)
            implements Distribution
    {
        @Override
        public double sample(double u, double z)
        {
            double width = max - min;
            if (width == 0) {
                return mode;
            }
            double split = (mode - min) / width;
            return u < split
                    ? min + Math.sqrt(u * width * (mode - min))
                    : max - Math.sqrt((1 - u) * width * (max - mode));
        }

        @Override
        public double mean()
        {
            return (min + mode + max) / 3;
        }

        @Override
        public double sd()
        {
            return Math.sqrt((min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18);
        }

        @Override
        public Distribution shifted(double delta)
        {
            return new Triangular(min + delta, mode + delta, max + delta);
        }

        @Override
        public String describe()
        {
            return "triangular(" + number(min) + ", " + number(mode) + ", " + number(max) + ")";
        }
    }

    /** A count per year. Large means (over 400, where e^-mean underflows) use the normal approximation. */
    record Poisson(double mean)
            implements Distribution
    {
        @Override
        public double sample(double u, double z)
        {
            if (mean <= 0) {
                return 0;
            }
            if (mean > 400) {
                return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
            }
            double probability = Math.exp(-mean);
            double cumulative = probability;
            int k = 0;
            // Stops where the remaining tail is below double precision, so u near 1 cannot loop on.
            while (u > cumulative && k < mean + 40 * Math.sqrt(mean) + 40) {
                k++;
                probability *= mean / k;
                cumulative += probability;
            }
            return k;
        }

        @Override
        public double sd()
        {
            return Math.sqrt(Math.max(0, mean));
        }

        @Override
        public Distribution shifted(double delta)
        {
            return new Poisson(Math.max(0, mean + delta));
        }

        @Override
        public String describe()
        {
            return "poisson(" + number(mean) + ")";
        }
    }

    /**
     * A yearly Poisson count whose mean is a share of the city and group's valid brands in the
     * base year — so one scenario file fits any size of province. Resolved into a {@link Poisson}
     * when the model meets its base year; it cannot be drawn before.
     */
    record PoissonShare(double share)
            implements Distribution
    {
        @Override
        public double sample(double u, double z)
        {
            throw new IllegalStateException("a share of valid brands is resolved against the base year before drawing");
        }

        @Override
        public double mean()
        {
            return Double.NaN;
        }

        @Override
        public double sd()
        {
            return Double.NaN;
        }

        @Override
        public Distribution shifted(double delta)
        {
            throw new IllegalStateException("a share of valid brands is resolved against the base year before moving");
        }

        public Poisson of(double validBrands)
        {
            return new Poisson(share * validBrands);
        }

        @Override
        public String describe()
        {
            return "poisson(" + number(share) + " × valid brands)";
        }
    }

    private static String number(double value)
    {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
