package org.zhijian.scenario;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What a scenario assumes for each city and industry group, every year of the horizon. */
public enum Assumption
{
    SALES_GROWTH("sales_growth", "营业收入年增长率", "Growth of sales revenue", "rate"),
    BRAND_SALES_GROWTH("brand_sales_growth", "名牌产品销售收入年增长率", "Growth of brand sales", "rate"),
    NEW_BRANDS("new_brands", "每年新认定名牌数", "New brands per year", "count"),
    ATTRITION("attrition", "名牌年流失率", "Brand attrition per year", "rate"),
    NEW_BRAND_SALES("new_brand_sales", "新名牌平均销售收入（万元）", "Average sales of a new brand (10k yuan)", "amount"),
    ADOPTION_CHANGE("adoption_change", "采标率年变化", "Yearly change of the adoption rate", "points");

    /** The assumptions goal seek moves to reach a target. */
    public static final java.util.List<Assumption> LEVERS = java.util.List.of(NEW_BRANDS, BRAND_SALES_GROWTH, ADOPTION_CHANGE);

    private final String key;
    private final String zh;
    private final String en;
    private final String unit;

    Assumption(String key, String zh, String en, String unit)
    {
        this.key = requireNonNull(key, "key is null");
        this.zh = zh;
        this.en = en;
        this.unit = unit;
    }

    /** The key in a scenario file. */
    public String key()
    {
        return key;
    }

    public String name(boolean chinese)
    {
        return chinese ? zh : en;
    }

    /** rate (a share per year), count, amount (万元) or points (a change of a rate, as a share). */
    public String unit()
    {
        return unit;
    }

    public static Optional<Assumption> forKey(String key)
    {
        for (Assumption assumption : values()) {
            if (assumption.key.equals(key)) {
                return Optional.of(assumption);
            }
        }
        return Optional.empty();
    }
}
