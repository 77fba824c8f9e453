package org.zhijian.reference;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A product of the production licence catalogue (工业产品生产许可证目录),
 * conf/reference/licence_products.csv, with the sampling categories it covers.
 */
public record LicenceProduct(String name, String nameEn, List<String> categories)
{
    public LicenceProduct
    {
        requireNonNull(name, "name is null");
        requireNonNull(nameEn, "nameEn is null");
        categories = List.copyOf(categories);
    }
}
