package org.zhijian.scenario;

import java.io.Serializable;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The projection of one scenario, as plain arithmetic over arrays so Spark tasks can run it.
 * Each draw first picks, per city and industry group (a cell), one value of every assumption and
 * keeps it for the horizon — the assumptions are uncertain levels, not yearly noise. Then each year:
 *
 * <pre>
 *   shock       one draw a year, shared by every cell, added to both growth rates
 *   new brands  a count drawn every year (Poisson around the cell's mean, or the fixed number)
 *   sales       S ← S · (1 + sales_growth + shock)
 *   brand sales B ← B · (1 + brand_sales_growth + shock) · (1 − attrition) + new brands · new_brand_sales
 *   brands      N ← N · (1 − attrition) + new brands
 *   adoption    a ← clamp(a + adoption_change, 0, 1), over the base year's standards in force
 * </pre>
 *
 * and for the province and each city: brand_contribution_rate = ΣB ÷ ΣS, strategic_brand_share =
 * N(strategic) ÷ ΣN, valid_brands = ΣN, intl_adoption_rate = Σ a·T ÷ ΣT. Year 0 is the base
 * year's actual values.
 */
public final class ScenarioModel
        implements Serializable
{
    private static final long serialVersionUID = 1L;
    /** Assumptions per cell. */
    private static final int PER_CELL = Assumption.values().length;

    private final int baseYear;
    private final int horizon;
    private final long seed;
    private final int cities;
    private final double[] sales;
    private final double[] brandSales;
    private final double[] brands;
    private final double[] standards;
    private final double[] adoption;
    private final Distribution shock;
    /** [cell][assumption ordinal] */
    private final Distribution[][] assumptions;

    private ScenarioModel(int baseYear, int horizon, long seed, int cities, double[] sales, double[] brandSales, double[] brands, double[] standards, double[] adoption,
            Distribution shock, Distribution[][] assumptions)
    {
        this.baseYear = baseYear;
        this.horizon = horizon;
        this.seed = seed;
        this.cities = cities;
        this.sales = sales;
        this.brandSales = brandSales;
        this.brands = brands;
        this.standards = standards;
        this.adoption = adoption;
        this.shock = requireNonNull(shock, "shock is null");
        this.assumptions = assumptions;
    }

    /** The model of a scenario from its base year; the spec's rules resolved for the base year's cities. */
    public static ScenarioModel of(ScenarioSpec spec, BaseYear base)
    {
        Map<ScenarioSpec.Cell, Map<Assumption, Distribution>> cells = spec.resolve(base.cities());
        Distribution[][] assumptions = new Distribution[base.cells()][PER_CELL];
        int index = 0;
        for (Map<Assumption, Distribution> values : cells.values()) {
            for (Assumption assumption : Assumption.values()) {
                Distribution distribution = values.get(assumption);
                assumptions[index][assumption.ordinal()] = distribution instanceof Distribution.PoissonShare share ? share.of(base.brands()[index]) : distribution;
            }
            index++;
        }
        double[] adoption = new double[base.cells()];
        for (int k = 0; k < adoption.length; k++) {
            adoption[k] = base.standards()[k] == 0 ? 0 : base.adopting()[k] / base.standards()[k];
        }
        return new ScenarioModel(base.year(), spec.horizon(), spec.seed(), base.cities().size(), base.sales().clone(), base.brandSales().clone(), base.brands().clone(),
                base.standards().clone(), adoption, spec.shock(), assumptions);
    }

    public int baseYear()
    {
        return baseYear;
    }

    public int horizon()
    {
        return horizon;
    }

    /** Regions: the province (0), then the cities in order. */
    public int regions()
    {
        return cities + 1;
    }

    /** Values per draw: indicator × region × year (0 = base … horizon). */
    public int outputs()
    {
        return ScenarioSpec.INDICATORS.size() * regions() * (horizon + 1);
    }

    public int index(int indicator, int region, int year)
    {
        return (indicator * regions() + region) * (horizon + 1) + year;
    }

    /** The random numbers of one draw, as uniforms and their standard normal deviates. */
    public record Variates(double[] uniforms, double[] normals) {}

    public Variates variates(long draw)
    {
        int cells = cities * 2;
        int count = cells * PER_CELL + horizon * (1 + cells);
        RandomStream stream = new RandomStream(seed, draw);
        double[] uniforms = new double[count];
        double[] normals = new double[count];
        for (int i = 0; i < count; i++) {
            uniforms[i] = stream.uniform();
            normals[i] = RandomStream.normalQuantile(uniforms[i]);
        }
        return new Variates(uniforms, normals);
    }

    /** One draw's path into {@code out} (length {@link #outputs}). */
    public void simulate(Variates variates, double[] out)
    {
        run(variates, out);
    }

    /** The path every assumption at its mean (and no shock beyond its mean) gives. */
    public double[] deterministic()
    {
        double[] out = new double[outputs()];
        run(null, out);
        return out;
    }

    /**
     * The random numbers of a draw, in a fixed layout: first one per cell and assumption (the
     * draw's level of each), then per year the shock and one per cell for its count of new brands.
     */
    private void run(Variates variates, double[] out)
    {
        int cells = cities * 2;
        double[][] levels = new double[cells][PER_CELL];
        for (int k = 0; k < cells; k++) {
            for (int j = 0; j < PER_CELL; j++) {
                levels[k][j] = assumptions[k][j] instanceof Distribution.Poisson ? Double.NaN : draw(assumptions[k][j], variates, k * PER_CELL + j);
            }
        }
        double[] s = sales.clone();
        double[] b = brandSales.clone();
        double[] n = brands.clone();
        double[] a = adoption.clone();
        record(s, b, n, a, 0, out);
        int newBrands = Assumption.NEW_BRANDS.ordinal();
        for (int t = 1; t <= horizon; t++) {
            int offset = cells * PER_CELL + (t - 1) * (1 + cells);
            double yearShock = draw(shock, variates, offset);
            for (int k = 0; k < cells; k++) {
                double[] level = levels[k];
                double salesGrowth = Math.max(-0.99, level[Assumption.SALES_GROWTH.ordinal()] + yearShock);
                double brandGrowth = Math.max(-0.99, level[Assumption.BRAND_SALES_GROWTH.ordinal()] + yearShock);
                double added = Math.max(0, Double.isNaN(level[newBrands]) ? draw(assumptions[k][newBrands], variates, offset + 1 + k) : level[newBrands]);
                double attrition = Math.min(1, Math.max(0, level[Assumption.ATTRITION.ordinal()]));
                double addedSales = Math.max(0, level[Assumption.NEW_BRAND_SALES.ordinal()]);
                s[k] *= 1 + salesGrowth;
                b[k] = b[k] * (1 + brandGrowth) * (1 - attrition) + added * addedSales;
                n[k] = n[k] * (1 - attrition) + added;
                a[k] = Math.min(1, Math.max(0, a[k] + level[Assumption.ADOPTION_CHANGE.ordinal()]));
            }
            record(s, b, n, a, t, out);
        }
    }

    private static double draw(Distribution distribution, Variates variates, int index)
    {
        return variates == null ? distribution.mean() : distribution.sample(variates.uniforms()[index], variates.normals()[index]);
    }

    private void record(double[] s, double[] b, double[] n, double[] a, int year, double[] out)
    {
        for (int region = 0; region < regions(); region++) {
            int from = region == 0 ? 0 : (region - 1) * 2;
            int to = region == 0 ? cities * 2 : from + 2;
            double sumS = 0;
            double sumB = 0;
            double sumN = 0;
            double strategic = 0;
            double adopted = 0;
            double inForce = 0;
            for (int k = from; k < to; k++) {
                sumS += s[k];
                sumB += b[k];
                sumN += n[k];
                if (k % 2 == 0) {
                    strategic += n[k];
                }
                adopted += a[k] * standards[k];
                inForce += standards[k];
            }
            out[index(0, region, year)] = sumS == 0 ? Double.NaN : sumB / sumS;
            out[index(1, region, year)] = sumN == 0 ? Double.NaN : strategic / sumN;
            out[index(2, region, year)] = sumN;
            out[index(3, region, year)] = inForce == 0 ? Double.NaN : adopted / inForce;
        }
    }

    /** Which assumptions a variant moves: one (or the shock, when null), for one group or both (-1). */
    public record Move(Assumption assumption, int group) implements Serializable {}

    /** This model with {@code change} applied to the moved assumption (in one group or both), or to the shock when the move names none. */
    public ScenarioModel with(Move move, java.util.function.UnaryOperator<Distribution> change)
    {
        Distribution[][] moved = new Distribution[assumptions.length][];
        for (int k = 0; k < assumptions.length; k++) {
            moved[k] = assumptions[k].clone();
            if (move.assumption() != null && (move.group() < 0 || k % 2 == move.group())) {
                moved[k][move.assumption().ordinal()] = change.apply(moved[k][move.assumption().ordinal()]);
            }
        }
        Distribution movedShock = move.assumption() == null ? change.apply(shock) : shock;
        return new ScenarioModel(baseYear, horizon, seed, cities, sales, brandSales, brands, standards, adoption, movedShock, moved);
    }

    /**
     * An assumption's level across the province with its means multiplied by {@code factor}: new
     * brands summed over cells (per year), rates averaged with base-year weights (brand sales for
     * brand-sales growth, sales for sales growth, brands for attrition, standards for adoption).
     */
    public double level(Assumption assumption, double factor)
    {
        double total = 0;
        double weights = 0;
        for (int k = 0; k < assumptions.length; k++) {
            double mean = assumptions[k][assumption.ordinal()].scaled(factor).mean();
            double weight = switch (assumption) {
                case BRAND_SALES_GROWTH -> brandSales[k];
                case SALES_GROWTH -> sales[k];
                case ADOPTION_CHANGE -> standards[k];
                case ATTRITION -> brands[k];
                default -> 1;
            };
            total += mean * weight;
            weights += weight;
        }
        if (assumption == Assumption.NEW_BRANDS) {
            return total;
        }
        return weights == 0 ? Double.NaN : total / weights;
    }
}
