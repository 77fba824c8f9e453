package org.zhijian.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A two-city province and scenario files written for tests. */
public final class ScenarioFixtures
{
    public static final Set<String> CITIES = Set.of("330100", "330200");

    private ScenarioFixtures() {}

    /**
     * Base year 2025. Cells (city, group): Hangzhou strategic, Hangzhou other, Ningbo strategic, Ningbo other.
     * Province: sales 400, brand sales 60, brands 6 (4 strategic), standards 25 of which 4 adopt.
     */
    public static BaseYear base()
    {
        return new BaseYear(2025, List.of("330100", "330200"), Map.of("330000", "浙江省", "330100", "杭州市", "330200", "宁波市"),
                new double[] {100, 200, 50, 50}, new double[] {30, 20, 10, 0}, new double[] {3, 2, 1, 0}, new double[] {10, 10, 0, 5},
                new double[] {2, 1, 0, 1}, Map.of());
    }

    public static ScenarioSpec load(Path directory, String name, String yaml)
            throws IOException
    {
        return ScenarioSpec.load(Files.writeString(directory.resolve(name + ".yaml"), yaml), CITIES);
    }

    /** Every assumption fixed: no variance anywhere. */
    public static String fixed(String name)
    {
        return """
                name: %s
                horizon: 3
                draws: 50
                seed: 7
                assumptions:
                  - sales_growth: 0.1
                    brand_sales_growth: 0.05
                    new_brands: 2
                    attrition: 0.1
                    new_brand_sales: 5
                    adoption_change: 0.01
                targets:
                  - {indicator: brand_contribution_rate, value: 0.2, year: 2027}
                """.formatted(name);
    }

    /** Uncertain assumptions, a shock and three targets. */
    public static String uncertain(String name, int draws)
    {
        return """
                name: %s
                horizon: 4
                draws: %d
                seed: 11
                shock: {normal: {mean: 0, sd: 0.02}}
                assumptions:
                  - sales_growth: {normal: {mean: 0.06, sd: 0.02}}
                    brand_sales_growth: {normal: {mean: 0.07, sd: 0.03}}
                    new_brands: {poisson: {share_of_valid: 0.3}}
                    attrition: {triangular: {min: 0.05, mode: 0.08, max: 0.12}}
                    new_brand_sales: {normal: {mean: 8, sd: 2}}
                    adoption_change: {normal: {mean: 0.01, sd: 0.005}}
                  - cities: [330200]
                    group: strategic
                    new_brands: {poisson: 1.5}
                targets:
                  - {indicator: brand_contribution_rate, value: 0.2, year: 2029}
                  - {indicator: intl_adoption_rate, value: 0.2, year: 2029}
                  - {indicator: valid_brands, value: 9, year: 2028, region: "330100"}
                """.formatted(name, draws);
    }
}
