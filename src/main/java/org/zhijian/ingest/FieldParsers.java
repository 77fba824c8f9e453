package org.zhijian.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of one raw field into its typed value, accepting every spelling of
 * PRODUCT.md §3: dates in yyyy-MM-dd, yyyy/M/d, yyyyMMdd, yyyy年M月d日 or as Excel serials;
 * booleans as 是/否, Y/N, true/false, 1/0; numbers with thousands separators. Each parser
 * returns empty for text it does not accept; the caller turns that into a rule violation.
 */
public final class FieldParsers
{
    /** Amounts are stored with this many decimal places (1 元 in 万元; 0.0001 元 in 元). */
    public static final int AMOUNT_SCALE = 4;

    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final int MAX_EXCEL_SERIAL = 2_958_465;

    private static final Pattern SEPARATED = Pattern.compile("(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern CHINESE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern SERIAL = Pattern.compile("(\\d{1,7})(?:\\.0+)?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?|[+-]?\\.\\d+");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})(?:\\.0+|年)?");

    private FieldParsers() {}

    public static Optional<LocalDate> date(String text)
    {
        String value = text.strip();
        try {
            Matcher matcher = SEPARATED.matcher(value);
            if (matcher.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4))));
            }
            matcher = CHINESE.matcher(value);
            if (matcher.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))));
            }
            matcher = COMPACT.matcher(value);
            if (matcher.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))));
            }
        }
        catch (DateTimeException e) {
            return Optional.empty();
        }
        Matcher serial = SERIAL.matcher(value);
        if (serial.matches()) {
            return excelSerial(Long.parseLong(serial.group(1)));
        }
        return Optional.empty();
    }

    /** A date from an Excel serial of the 1900 date system (day 60 is Excel's phantom 1900-02-29). */
    public static Optional<LocalDate> excelSerial(long serial)
    {
        if (serial < 1 || serial > MAX_EXCEL_SERIAL || serial == 60) {
            return Optional.empty();
        }
        // Serials before the phantom leap day count from 1899-12-31.
        return Optional.of(serial < 60 ? EXCEL_EPOCH.plusDays(serial + 1) : EXCEL_EPOCH.plusDays(serial));
    }

    public static Optional<Boolean> bool(String text)
    {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "是", "y", "yes", "true", "1", "t" -> Optional.of(true);
            case "否", "n", "no", "false", "0", "f" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** A decimal number, thousands separators allowed when they group by three. */
    public static Optional<BigDecimal> number(String text)
    {
        String value = text.strip();
        if (!NUMBER.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(value.replace(",", "")));
    }

    public static Optional<BigDecimal> amount(String text)
    {
        return number(text).map(value -> value.setScale(AMOUNT_SCALE, RoundingMode.HALF_UP));
    }

    /** A whole number; 12.0 is accepted (as spreadsheets store it), 12.5 is not. */
    public static Optional<Long> integer(String text)
    {
        return number(text).flatMap(value -> {
            try {
                return Optional.of(value.longValueExact());
            }
            catch (ArithmeticException e) {
                return Optional.empty();
            }
        });
    }

    public static Optional<Integer> year(String text)
    {
        Matcher matcher = YEAR.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(matcher.group(1));
        return year >= 1900 && year <= 2100 ? Optional.of(year) : Optional.empty();
    }
}
