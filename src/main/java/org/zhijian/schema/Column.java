package org.zhijian.schema;

import java.io.Serializable;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One column of a raw dataset as its file in conf/datasets describes it: the canonical English
 * name, the Chinese name, the type and the rules a value must keep.
 *
 * @param allowedValues the closed list of values, empty when the column is free
 * @param unit the unit of an amount, such as 万元, or empty
 * @param kind what a code or text names, checked against the reference data
 * @param aliases further headers a file may give the column (normalised as {@code HeaderAliases.normalize})
 * @param futureAllowed a date that lies ahead by nature (the end of a term), not checked against today
 */
public record Column(
        String name,
        String chineseName,
        ColumnType type,
        boolean required,
        boolean personal,
        List<String> allowedValues,
        String unit,
        String description,
        Kind kind,
        List<String> aliases,
        boolean futureAllowed)
        implements Serializable
{
    /** What a column names, when the reference data can check it, and the columns derived from it. */
    public enum Kind
    {
        NONE,
        /** A unified social credit code (GB 32100). */
        CREDIT_CODE,
        /** A county code (GB/T 2260), mapped to today's; derives city_code and county_code_original. */
        COUNTY,
        /** A GB/T 4754 code; derives industry_section and industry_division. */
        INDUSTRY,
        /** A standard number; derives standard_kind. */
        STANDARD_NO,
        /** A product category of conf/reference/categories.csv. */
        CATEGORY,
    }

    public Column
    {
        requireNonNull(name, "name is null");
        requireNonNull(chineseName, "chineseName is null");
        requireNonNull(type, "type is null");
        allowedValues = List.copyOf(requireNonNull(allowedValues, "allowedValues is null"));
        requireNonNull(unit, "unit is null");
        requireNonNull(description, "description is null");
        requireNonNull(kind, "kind is null");
        aliases = List.copyOf(requireNonNull(aliases, "aliases is null"));
    }
}
