package org.zhijian.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.zhijian.config.ConfigException;
import org.zhijian.indicators.Periods;

import static java.util.Objects.requireNonNull;

/**
 * The periods one brief looks at, derived from the period asked for: the latest year complete
 * by its end (yearly tables of a quarterly brief show that year, so the brief states only what
 * was known when its period closed), the quarters it overlaps, and the trend before it. Fills
 * the placeholders of a report definition's SQL and titles.
 */
public record ReportPeriod(Periods.Period period, int year, List<Periods.Period> quarters, List<Periods.Period> trend, List<Integer> trendYears)
{
    public static final int TREND_YEARS = 5;
    public static final java.util.Set<String> SQL_PLACEHOLDERS = java.util.Set.of("period", "year", "quarters", "trend", "trend_years", "lang");
    public static final java.util.Set<String> TEXT_PLACEHOLDERS = java.util.Set.of("period", "year", "year_id", "quarters", "trend", "trend_years");
    static final Pattern SQL_PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");
    static final Pattern TEXT_PLACEHOLDER = Pattern.compile("(?<!\\$)\\{([a-z_]+)}");

    public ReportPeriod
    {
        requireNonNull(period, "period is null");
        quarters = List.copyOf(quarters);
        trend = List.copyOf(trend);
        trendYears = List.copyOf(trendYears);
    }

    public static ReportPeriod of(Periods.Period period)
    {
        int year = period.end().equals(period.end().withDayOfYear(period.end().lengthOfYear())) ? period.end().getYear() : period.end().getYear() - 1;
        List<Periods.Period> quarters = Periods.between(Periods.Kind.QUARTER, period.start().getYear(), period.end().getYear()).stream()
                .filter(quarter -> !quarter.end().isBefore(period.start()) && !quarter.start().isAfter(period.end())).toList();
        int length = switch (period.kind()) {
            case YEAR -> TREND_YEARS;
            case QUARTER -> 8;
            case MONTH -> 12;
        };
        List<Periods.Period> before = Periods.between(period.kind(), period.end().getYear() - TREND_YEARS, period.end().getYear()).stream()
                .filter(candidate -> !candidate.end().isAfter(period.end())).toList();
        List<Periods.Period> trend = before.subList(Math.max(0, before.size() - length), before.size());
        List<Integer> trendYears = java.util.stream.IntStream.rangeClosed(year - TREND_YEARS + 1, year).boxed().toList();
        return new ReportPeriod(period, year, quarters, trend, trendYears);
    }

    /** The SQL with ${period}, ${year}, ${quarters}, ${trend}, ${trend_years} and ${lang} filled in. */
    public String sql(String sql, String language, String where)
    {
        Matcher matcher = SQL_PLACEHOLDER.matcher(sql);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "period" -> period.id();
                case "year" -> String.valueOf(year);
                case "quarters" -> quoted(quarters);
                case "trend" -> quoted(trend);
                case "trend_years" -> trendYears.stream().map(String::valueOf).collect(Collectors.joining(", "));
                case "lang" -> language;
                default -> throw new ConfigException(where + ": unknown placeholder ${" + matcher.group(1) + "} (known: period, year, quarters, trend, trend_years, lang)");
            };
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /** The title (or note) with {period}, {year}, {quarters}, {trend} and {trend_years} written in the brief's language, {year_id} as a number. */
    public String fill(String title, BriefText text, String where)
    {
        Matcher matcher = TEXT_PLACEHOLDER.matcher(title);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "period" -> text.period(period);
                case "year" -> text.period(Periods.year(year));
                case "quarters" -> text.range(quarters.get(0), quarters.get(quarters.size() - 1));
                case "trend" -> text.range(trend.get(0), trend.get(trend.size() - 1));
                case "trend_years" -> text.range(Periods.year(trendYears.get(0)), Periods.year(year));
                case "year_id" -> String.valueOf(year);
                default -> throw new ConfigException(where + ": unknown placeholder {" + matcher.group(1) + "} (known: period, year, year_id, quarters, trend, trend_years)");
            };
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static String quoted(List<Periods.Period> periods)
    {
        return periods.stream().map(p -> "'" + p.id() + "'").collect(Collectors.joining(", "));
    }
}
