package org.zhijian.report;

import java.util.Locale;

import org.zhijian.ZhijianException;

/**
 * The three status colours of the bureau's reports (indicator status, warning severity, a
 * target's chance), as the marts write them: green, amber, red. A value outside them is
 * refused where it enters, naming where it came from — never drawn as a colour by default.
 */
public enum TrafficLight
{
    GREEN,
    AMBER,
    RED;

    /** The value as the lake writes it (green, amber, red); {@code where} names its source for the error. */
    public static TrafficLight parse(String value, String where)
    {
        for (TrafficLight light : values()) {
            if (light.id().equals(value)) {
                return light;
            }
        }
        throw new ZhijianException(ZhijianException.Code.FAILURE, where + ": '" + value + "' is not a status colour (green, amber or red)");
    }

    public String id()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The workbook style that fills a cell in this colour. */
    public String style()
    {
        return "status_" + id();
    }

    /** The fill colour, as RGB. */
    int rgb()
    {
        return switch (this) {
            case GREEN -> 0xC6EFCE;
            case AMBER -> 0xFFEB9C;
            case RED -> 0xFFC7CE;
        };
    }
}
