package org.zhijian.scenario;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Where a projection starts: the base year's actual stocks per city and industry group (cell
 * {@code city * 2 + group}, group 0 strategic, 1 other), and the indicators' actual history by
 * region for the years before, which the fan charts draw.
 *
 * @param sales Σ sales revenue of above-scale manufacturing enterprises (万元), the contribution rate's denominator
 * @param brandSales Σ brand sales of enterprises holding a valid brand at year end (万元), its numerator
 * @param brands valid brands at year end
 * @param standards standards in force at year end
 * @param adopting of those, the ones adopting an international standard (IDT or MOD)
 * @param history indicator id → region code → year → actual value
 */
public record BaseYear(int year, List<String> cities, Map<String, String> regionNames, double[] sales, double[] brandSales, double[] brands,
        double[] standards, double[] adopting, Map<String, Map<String, Map<Integer, Double>>> history)
{
    public BaseYear
    {
        cities = List.copyOf(cities);
        regionNames = Map.copyOf(regionNames);
        int cells = cities.size() * 2;
        for (double[] values : new double[][] {sales, brandSales, brands, standards, adopting}) {
            requireNonNull(values, "cell values are null");
            if (values.length != cells) {
                throw new IllegalArgumentException("expected " + cells + " cells, got " + values.length);
            }
        }
        history = Map.copyOf(history);
    }

    public int cells()
    {
        return cities.size() * 2;
    }
}
