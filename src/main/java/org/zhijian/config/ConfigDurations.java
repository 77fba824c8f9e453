package org.zhijian.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as conf writes them: a whole number and a unit, {@code 90s}, {@code 30m}, {@code 2h}. */
public final class ConfigDurations
{
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|h)");

    private ConfigDurations() {}

    /** Parses a duration; throws IllegalArgumentException with the accepted forms. */
    public static Duration parse(String key, String text)
    {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new IllegalArgumentException(key + ": write a duration such as 90s, 30m or 2h, not '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** A duration in the unit conf would write it in. */
    public static String format(Duration duration)
    {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
