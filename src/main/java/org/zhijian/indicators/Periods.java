package org.zhijian.indicators;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Reporting periods — years (2025), quarters (2025-Q3) and months (2025-09) — with their last
 * day, the previous period (环比) and the same period a year earlier (同比).
 */
public final class Periods
{
    private Periods() {}

    /** The kinds of period, as conf files, the marts' period_type column and job specs name them: year, quarter, month. */
    public enum Kind
    {
        YEAR, QUARTER, MONTH;

        public String id()
        {
            return name().toLowerCase(Locale.ROOT);
        }

        public static java.util.Optional<Kind> of(String id)
        {
            return java.util.Arrays.stream(values()).filter(kind -> kind.id().equals(id)).findFirst();
        }

        /** The ids in order: year, quarter, month. */
        public static List<String> ids()
        {
            return java.util.Arrays.stream(values()).map(Kind::id).toList();
        }

        /** A period of this kind as users write it. */
        public String example()
        {
            return switch (this) {
                case YEAR -> "2025";
                case QUARTER -> "2025-Q3";
                case MONTH -> "2025-09";
            };
        }

        /** The share of a year a period of this kind covers. */
        public double shareOfYear()
        {
            return switch (this) {
                case YEAR -> 1;
                case QUARTER -> 0.25;
                case MONTH -> 1.0 / 12;
            };
        }

        /** The last period of this kind that ended before {@code today}. */
        public Period lastEndedBefore(LocalDate today)
        {
            return switch (this) {
                case YEAR -> year(today.getYear() - 1);
                case QUARTER -> {
                    LocalDate lastDay = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).minusDays(1);
                    yield quarter(lastDay.getYear(), (lastDay.getMonthValue() - 1) / 3 + 1);
                }
                case MONTH -> {
                    LocalDate lastDay = today.withDayOfMonth(1).minusDays(1);
                    yield month(lastDay.getYear(), lastDay.getMonthValue());
                }
            };
        }
    }

    /** One period of one kind. */
    public record Period(String id, Kind kind, LocalDate start, LocalDate end, String previous, String yearEarlier)
    {
        public Period
        {
            requireNonNull(id, "id is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(start, "start is null");
            requireNonNull(end, "end is null");
        }
    }

    public static Period year(int year)
    {
        return new Period(String.valueOf(year), Kind.YEAR, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), String.valueOf(year - 1), String.valueOf(year - 1));
    }

    public static Period quarter(int year, int quarter)
    {
        LocalDate start = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
        String previous = quarter == 1 ? quarterId(year - 1, 4) : quarterId(year, quarter - 1);
        return new Period(quarterId(year, quarter), Kind.QUARTER, start, start.plusMonths(3).minusDays(1), previous, quarterId(year - 1, quarter));
    }

    public static Period month(int year, int month)
    {
        YearMonth current = YearMonth.of(year, month);
        return new Period(monthId(current), Kind.MONTH, current.atDay(1), current.atEndOfMonth(), monthId(current.minusMonths(1)), monthId(current.minusYears(1)));
    }

    /** Every period of a kind whose days lie within the years given. */
    public static List<Period> between(Kind kind, int firstYear, int lastYear)
    {
        List<Period> periods = new ArrayList<>();
        for (int year = firstYear; year <= lastYear; year++) {
            switch (kind) {
                case YEAR -> periods.add(year(year));
                case QUARTER -> {
                    for (int quarter = 1; quarter <= 4; quarter++) {
                        periods.add(quarter(year, quarter));
                    }
                }
                case MONTH -> {
                    for (int month = 1; month <= 12; month++) {
                        periods.add(month(year, month));
                    }
                }
            }
        }
        return periods;
    }

    /** Parses 2025, 2025-Q3 or 2025-09. */
    public static Period parse(String text)
    {
        String value = text.strip().toUpperCase(Locale.ROOT);
        try {
            if (value.matches("\\d{4}")) {
                return year(Integer.parseInt(value));
            }
            if (value.matches("\\d{4}-Q[1-4]")) {
                return quarter(Integer.parseInt(value.substring(0, 4)), value.charAt(6) - '0');
            }
            if (value.matches("\\d{4}-\\d{2}")) {
                return month(Integer.parseInt(value.substring(0, 4)), Integer.parseInt(value.substring(5)));
            }
        }
        catch (java.time.DateTimeException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a period (2025, 2025-Q3 or 2025-09)");
    }

    private static String quarterId(int year, int quarter)
    {
        return year + "-Q" + quarter;
    }

    private static String monthId(YearMonth month)
    {
        return String.format(Locale.ROOT, "%d-%02d", month.getYear(), month.getMonthValue());
    }
}
