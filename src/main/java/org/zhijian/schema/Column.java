package org.zhijian.schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One column of a raw dataset: its canonical English name, Chinese name, type and rules.
 *
 * @param allowedValues the closed list of values, empty when the column is free
 * @param unit the unit of an amount, such as 万元, or empty
 */
public record Column(
        String name,
        String chineseName,
        ColumnType type,
        boolean required,
        boolean personal,
        List<String> allowedValues,
        String unit,
        String description)
{
    public Column
    {
        requireNonNull(name, "name is null");
        requireNonNull(chineseName, "chineseName is null");
        requireNonNull(type, "type is null");
        allowedValues = List.copyOf(requireNonNull(allowedValues, "allowedValues is null"));
        requireNonNull(unit, "unit is null");
        requireNonNull(description, "description is null");
    }

    static Column required(String name, String chineseName, ColumnType type, String description)
    {
        return new Column(name, chineseName, type, true, false, List.of(), "", description);
    }

    static Column optional(String name, String chineseName, ColumnType type, String description)
    {
        return new Column(name, chineseName, type, false, false, List.of(), "", description);
    }

    static Column amount(String name, String chineseName, String unit, boolean required, String description)
    {
        return new Column(name, chineseName, ColumnType.DECIMAL, required, false, List.of(), unit, description);
    }

    static Column choice(String name, String chineseName, boolean required, List<String> values, String description)
    {
        return new Column(name, chineseName, ColumnType.TEXT, required, false, values, "", description);
    }

    static Column personal(String name, String chineseName, String description)
    {
        return new Column(name, chineseName, ColumnType.TEXT, false, true, List.of(), "", description);
    }
}
