package org.zhijian.reference;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A GB/T 2260 division: the province, a city or a county, with its parent. */
public record Division(String code, String name, Level level, Optional<String> parentCode, String englishName, double gdp2023)
{
    /** The administrative level of a division. */
    public enum Level
    {
        PROVINCE,
        CITY,
        COUNTY,
    }

    public Division
    {
        requireNonNull(code, "code is null");
        requireNonNull(name, "name is null");
        requireNonNull(level, "level is null");
        requireNonNull(parentCode, "parentCode is null");
        requireNonNull(englishName, "englishName is null");
        if (!code.matches("\\d{6}")) {
            throw new IllegalArgumentException("division code must have 6 digits: " + code);
        }
        if (level != Level.PROVINCE && parentCode.isEmpty()) {
            throw new IllegalArgumentException("division " + code + " needs a parent");
        }
    }

    /** The city a county belongs to, or the city itself. */
    public String cityCode()
    {
        return switch (level) {
            case PROVINCE -> throw new IllegalStateException("the province has no city");
            case CITY -> code;
            case COUNTY -> parentCode.orElseThrow();
        };
    }

    /** The kind of county-level unit, read from the name: 区 district, 市 county-level city, 县 county. */
    public char countyKind()
    {
        if (name.endsWith("自治县")) {
            return '县';
        }
        return name.charAt(name.length() - 1);
    }
}
