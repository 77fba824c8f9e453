package org.zhijian.reference;

import static java.util.Objects.requireNonNull;

/** A GB/T 4754-2017 section (a letter) or manufacturing division (two digits). */
public record Industry(String code, boolean isSection, String section, String chineseName, String englishName, boolean equipmentManufacturing)
        implements java.io.Serializable
{
    public Industry
    {
        requireNonNull(code, "code is null");
        requireNonNull(section, "section is null");
        requireNonNull(chineseName, "chineseName is null");
        requireNonNull(englishName, "englishName is null");
        if (isSection ? !code.matches("[A-T]") : !code.matches("\\d{2}")) {
            throw new IllegalArgumentException("bad industry code " + code);
        }
    }
}
