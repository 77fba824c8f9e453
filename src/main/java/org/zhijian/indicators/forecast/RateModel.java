package org.zhijian.indicators.forecast;

import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One quarterly pass-rate series: a binomial model of each quarter's passed batches whose logit
 * has a level and a trend at the forecast origin and a quarterly seasonal effect (sum to zero),
 * plus a variance between quarters beyond the binomial. Each quarter's likelihood is discounted
 * per quarter of age, so recent quarters count more — the likelihood form of exponential
 * smoothing. The prior (a parent series' fit, widened by the spread between series) pools a thin
 * series towards its group; a series with no history is its prior. Forecasts draw the logit from
 * the fit's normal approximation, then the batches. Plain computation: no Spark, no I/O.
 */
public final class RateModel
{
    /** level, trend per quarter, and the seasonal effects of the first three quarters (the fourth is minus their sum). */
    static final int PARAMETERS = 5;
    /** Quarters of pseudo-data the extra variance's prior counts as. */
    private static final double VARIANCE_PRIOR_QUARTERS = 4;

    private RateModel() {}

    /** One quarter with sampling: its index ({@link #quarterIndex}), batches and passed batches. */
    public record Observation(int quarter, long batches, long passed)
    {
        public Observation
        {
            if (batches < 1 || passed < 0 || passed > batches) {
                throw new IllegalArgumentException("a quarter needs batches ≥ 1 and 0 ≤ passed ≤ batches, not " + passed + "/" + batches);
            }
        }
    }

    /** A Gaussian prior on the parameters and the extra variance's prior value. */
    public record Prior(double[] mean, double[][] covariance, double extraVariance) {}

    /** The posterior at an origin quarter: parameters' mean and covariance, and the extra variance between quarters. */
    public record Fit(int origin, double[] mean, double[][] covariance, double extraVariance)
    {
        /** The logit's mean {@code h} quarters after the origin. */
        public double mean(int h)
        {
            double[] x = design(origin + h, origin);
            double sum = 0;
            for (int i = 0; i < PARAMETERS; i++) {
                sum += x[i] * mean[i];
            }
            return sum;
        }

        /** The logit's variance {@code h} quarters after the origin: the parameters' uncertainty and the quarter's own extra variance. */
        public double variance(int h)
        {
            double[] x = design(origin + h, origin);
            double sum = 0;
            for (int i = 0; i < PARAMETERS; i++) {
                for (int j = 0; j < PARAMETERS; j++) {
                    sum += x[i] * covariance[i][j] * x[j];
                }
            }
            return sum + extraVariance;
        }

        /** The level at the origin on the logit scale and its variance. */
        public double level()
        {
            return mean[0];
        }

        public double levelVariance()
        {
            return covariance[0][0];
        }

        /**
         * This fit as a child series' prior: its covariance plus the spread between a parent and
         * its children (variances of level, trend and each seasonal effect).
         */
        public Prior asPrior(double levelSpread, double trendSpread, double seasonalSpread)
        {
            double[][] widened = new double[PARAMETERS][];
            for (int i = 0; i < PARAMETERS; i++) {
                widened[i] = covariance[i].clone();
            }
            widened[0][0] += levelSpread;
            widened[1][1] += trendSpread;
            for (int i = 2; i < PARAMETERS; i++) {
                widened[i][i] += seasonalSpread;
            }
            return new Prior(mean.clone(), widened, extraVariance);
        }
    }

    /** A quarter as one number: year × 4 + quarter − 1. */
    public static int quarterIndex(int year, int quarter)
    {
        return year * 4 + quarter - 1;
    }

    /** A prior that lets the data speak: the level near {@code levelLogit} within a wide band, no trend to speak of, small seasonal effects. */
    public static Prior weakPrior(double levelLogit, double trendSd, double seasonalSd, double extraVariance)
    {
        double[][] covariance = new double[PARAMETERS][PARAMETERS];
        covariance[0][0] = 100;
        covariance[1][1] = trendSd * trendSd;
        for (int i = 2; i < PARAMETERS; i++) {
            covariance[i][i] = seasonalSd * seasonalSd;
        }
        double[] mean = new double[PARAMETERS];
        mean[0] = levelLogit;
        return new Prior(mean, covariance, extraVariance);
    }

    /**
     * Fits the quarters up to {@code origin} (later ones are ignored): the binomial likelihood of
     * each quarter's passed batches, weighing {@code discount} to the power of its age, times the
     * prior — its mode by Newton's method (iteratively reweighted least squares), its covariance
     * by the curvature there. The extra variance between quarters widens each quarter's binomial
     * variance, and is estimated from the Pearson residuals in turn.
     */
    public static Fit fit(List<Observation> history, int origin, Prior prior, double discount)
    {
        List<Observation> used = history.stream().filter(observation -> observation.quarter() <= origin).toList();
        RealMatrix priorPrecision = inverse(new Array2DRowRealMatrix(prior.covariance()));
        RealVector priorInformation = priorPrecision.operate(new ArrayRealVector(prior.mean()));
        double[] beta = prior.mean().clone();
        double extra = prior.extraVariance();
        RealMatrix covariance = new Array2DRowRealMatrix(prior.covariance());
        for (int round = 0; round < 3; round++) {
            for (int step = 0; step < 25; step++) {
                RealMatrix precision = priorPrecision.copy();
                RealVector information = priorInformation.copy();
                for (Observation observation : used) {
                    double[] x = design(observation.quarter(), origin);
                    double eta = dot(x, beta);
                    double p = inverseLogit(eta);
                    double binomial = Math.max(1e-9, observation.batches() * p * (1 - p));
                    double weight = Math.pow(discount, origin - observation.quarter()) * binomial / (1 + binomial * extra);
                    double working = eta + (observation.passed() - observation.batches() * p) / binomial;
                    for (int i = 0; i < PARAMETERS; i++) {
                        information.addToEntry(i, weight * x[i] * working);
                        for (int j = 0; j < PARAMETERS; j++) {
                            precision.addToEntry(i, j, weight * x[i] * x[j]);
                        }
                    }
                }
                covariance = inverse(precision);
                double[] next = covariance.operate(information).toArray();
                double change = 0;
                for (int i = 0; i < PARAMETERS; i++) {
                    change = Math.max(change, Math.abs(next[i] - beta[i]));
                }
                beta = next;
                if (change < 1e-8) {
                    break;
                }
            }
            extra = extraVariance(used, origin, beta, discount, prior.extraVariance());
        }
        return new Fit(origin, beta, covariance.getData(), extra);
    }

    /**
     * The variance of the logit between quarters beyond the binomial, by moments on the
     * discounted Pearson residuals (a residual's square is 1 + n·p(1−p)·variance on average),
     * with a degrees-of-freedom correction, pulled towards the prior's value by a few quarters of
     * pseudo-data so a short series does not claim it is exactly binomial.
     */
    private static double extraVariance(List<Observation> used, int origin, double[] beta, double discount, double priorValue)
    {
        double weights = 0;
        double squares = 0;
        double excess = 0;
        double information = 0;
        for (Observation observation : used) {
            double weight = Math.pow(discount, origin - observation.quarter());
            double p = inverseLogit(dot(design(observation.quarter(), origin), beta));
            double binomial = Math.max(1e-9, observation.batches() * p * (1 - p));
            double residual = (observation.passed() - observation.batches() * p) / Math.sqrt(binomial);
            excess += weight * (residual * residual - 1);
            information += weight * binomial;
            weights += weight;
            squares += weight * weight;
        }
        if (weights == 0) {
            return priorValue;
        }
        double effective = weights * weights / squares;
        double correction = effective / Math.max(1, effective - 3);
        double own = Math.max(0, excess * correction / information);
        double pull = VARIANCE_PRIOR_QUARTERS;
        return (own * effective + priorValue * pull) / (effective + pull);
    }

    private static double dot(double[] x, double[] beta)
    {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * beta[i];
        }
        return sum;
    }

    /** The rate's draws {@code h} quarters after the origin: the true rate, and the share passed of {@code batches} batches at that rate. */
    public record Draws(double[] rates, double[] observed) {}

    public static Draws draw(Fit fit, int h, long batches, int draws, RandomGenerator random)
    {
        double mean = fit.mean(h);
        double sd = Math.sqrt(fit.variance(h));
        double[] rates = new double[draws];
        double[] observed = new double[draws];
        for (int d = 0; d < draws; d++) {
            double p = inverseLogit(mean + sd * random.nextGaussian());
            rates[d] = p;
            observed[d] = Binomials.sample(batches, p, random) / (double) batches;
        }
        return new Draws(rates, observed);
    }

    /** The value below which a share {@code q} of the sorted draws lie (linear between order statistics, as Spark's percentile). */
    public static double quantile(double[] sorted, double q)
    {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    public static double[] sorted(double[] values)
    {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** The share of draws strictly below {@code threshold}. */
    public static double shareBelow(double[] values, double threshold)
    {
        long below = Arrays.stream(values).filter(value -> value < threshold).count();
        return below / (double) values.length;
    }

    /** The design row of a quarter: 1, quarters after the origin, and the seasonal coding of its quarter of the year. */
    static double[] design(int quarter, int origin)
    {
        double[] x = new double[PARAMETERS];
        x[0] = 1;
        x[1] = quarter - origin;
        int season = Math.floorMod(quarter, 4);
        for (int j = 0; j < 3; j++) {
            x[2 + j] = season == 3 ? -1 : season == j ? 1 : 0;
        }
        return x;
    }

    public static double logit(double p)
    {
        return Math.log(p / (1 - p));
    }

    public static double inverseLogit(double x)
    {
        return 1 / (1 + Math.exp(-x));
    }

    private static RealMatrix inverse(RealMatrix matrix)
    {
        // Symmetric positive definite by construction (a prior precision plus weighted outer products).
        return new CholeskyDecomposition(symmetric(matrix), 1e-9, 1e-12).getSolver().getInverse();
    }

    private static RealMatrix symmetric(RealMatrix matrix)
    {
        RealMatrix result = MatrixUtils.createRealMatrix(matrix.getRowDimension(), matrix.getColumnDimension());
        for (int i = 0; i < matrix.getRowDimension(); i++) {
            for (int j = 0; j < matrix.getColumnDimension(); j++) {
                result.setEntry(i, j, (matrix.getEntry(i, j) + matrix.getEntry(j, i)) / 2);
            }
        }
        return result;
    }
}
