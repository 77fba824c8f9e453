package org.zhijian.indicators;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The fact tables indicators are measured over, each prepared from the lake, and how a period
 * takes its rows: a flow counts the rows dated in the period, a stock the rows that stand on
 * the period's last day, a yearly fact the rows of the period's year.
 */
public enum Facts
{
    INSPECTIONS("inspections", Timing.FLOW, "staged.inspections, one row per sampled batch, dated sampled_on",
            List.of("batch_id", "result", "category", "category_group", "food", "high_risk", "plan_level", "unlicensed")),
    BRAND_CERTIFICATIONS("brand_certifications", Timing.FLOW, "staged.brands, one row per certification, dated certified_on",
            List.of("brand_id", "brand_name", "level", "own_ip", "strategic", "regional", "industry_division")),
    BRANDS_VALID("brands_valid", Timing.STOCK, "staged.brands, one row per brand valid on the day: certified_on ≤ day < valid_until, not revoked by then",
            List.of("brand_id", "brand_name", "level", "own_ip", "strategic", "regional", "industry_division")),
    STANDARDS("standards", Timing.FLOW, "staged.standards, one row per record, dated effective_on",
            List.of("standard_no", "role", "kind", "adoption", "from_rnd", "strategic")),
    STANDARDS_IN_FORCE("standards_in_force", Timing.STOCK, "staged.standards, one row per record in effect on the day (effective_on ≤ day)",
            List.of("standard_no", "role", "kind", "adoption", "from_rnd", "strategic")),
    CASES("cases", Timing.FLOW, "staged.cases, one row per case, dated opened_on",
            List.of("case_id", "violation", "fine", "goods_value", "unlicensed")),
    ENTERPRISES_ACTIVE("enterprises_active", Timing.STOCK, "staged.enterprises established by the day and registered 存续",
            List.of("size", "above_scale", "high_tech", "manufacturing", "equipment")),
    ENTERPRISE_FINANCE("enterprise_finance", Timing.YEARLY, "staged.finance with its enterprise; holds_valid_brand when the enterprise holds a brand valid at year end",
            List.of("sales_revenue", "brand_sales", "output_value", "export_value", "rd_spend", "patents", "industry_division", "above_scale_manufacturing", "holds_valid_brand", "strategic")),
    REGION_ECONOMY("region_economy", Timing.YEARLY, "staged.region_economy, one row per county and year",
            List.of("gdp", "industrial_output", "population", "townships", "quality_stations")),
    CREDIT_RATINGS("credit_ratings", Timing.YEARLY, "ratings.credit, one row per enterprise and year",
            List.of("credit_code", "grade", "score"));

    /** How a period takes a fact's rows. */
    public enum Timing
    {
        FLOW,
        STOCK,
        YEARLY,
    }

    private final String id;
    private final Timing timing;
    private final String description;
    private final List<String> columns;

    Facts(String id, Timing timing, String description, List<String> columns)
    {
        this.id = requireNonNull(id, "id is null");
        this.timing = requireNonNull(timing, "timing is null");
        this.description = requireNonNull(description, "description is null");
        this.columns = List.copyOf(columns);
    }

    public String id()
    {
        return id;
    }

    public Timing timing()
    {
        return timing;
    }

    public String description()
    {
        return description;
    }

    /** Columns beyond the region columns (county_code, city_code) that every fact has. */
    public List<String> columns()
    {
        return columns;
    }

    public static Optional<Facts> forId(String id)
    {
        return Arrays.stream(values()).filter(facts -> facts.id.equals(id)).findFirst();
    }
}
