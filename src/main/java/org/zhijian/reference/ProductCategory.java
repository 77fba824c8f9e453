package org.zhijian.reference;

import static java.util.Objects.requireNonNull;

/** A product category of supervision sampling, with its group and priority flags. */
public record ProductCategory(String name, String group, boolean food, boolean highRisk, String division, String englishName)
{
    public ProductCategory
    {
        requireNonNull(name, "name is null");
        requireNonNull(group, "group is null");
        requireNonNull(division, "division is null");
        requireNonNull(englishName, "englishName is null");
    }
}
