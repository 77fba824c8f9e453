package org.zhijian.reference;

import static java.util.Objects.requireNonNull;

/** A county industry cluster (块状经济), the natural holder of a regional brand. */
public record IndustryCluster(String countyCode, String division, String product, String englishProduct)
{
    public IndustryCluster
    {
        requireNonNull(countyCode, "countyCode is null");
        requireNonNull(division, "division is null");
        requireNonNull(product, "product is null");
        requireNonNull(englishProduct, "englishProduct is null");
    }
}
