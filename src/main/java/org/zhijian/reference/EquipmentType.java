package org.zhijian.reference;

import static java.util.Objects.requireNonNull;

/**
 * A type of the special equipment catalogue (特种设备目录), conf/reference/equipment_types.csv.
 *
 * @param intervalYears the periodic inspection interval (TSG rules, simplified)
 * @param share the type's share of registered units, for sample data
 */
public record EquipmentType(String name, String nameEn, int intervalYears, double share)
{
    public EquipmentType
    {
        requireNonNull(name, "name is null");
        requireNonNull(nameEn, "nameEn is null");
        if (intervalYears < 1 || intervalYears > 6 || !(share > 0 && share < 1)) {
            throw new IllegalArgumentException(name + ": interval_years is 1–6 and share between 0 and 1");
        }
    }
}
