package org.zhijian.reference;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A parsed standard number (DOMAIN.md): its kind, issuing prefix, number and year. Double
 * numbering (GB/T 19001-2016/ISO 9001:2015) keeps the Chinese number and the adopted one.
 */
public record StandardNumber(Kind kind, String prefix, String number, int year, Optional<String> adopted)
{
    /** The kinds a standard number parses into. */
    public enum Kind
    {
        NATIONAL,
        INDUSTRY,
        LOCAL,
        GROUP,
        ENTERPRISE,
        INTERNATIONAL,
    }

    private static final String NUMBER = "(\\d+(?:\\.\\d+)*(?:-\\d+)*)";
    private static final Pattern NATIONAL = Pattern.compile("(GB(?:/[TZ])?) " + NUMBER + "-(\\d{2}|\\d{4})");
    // Two capitals, or DB followed by letters (an industry code such as DB/T for seismology).
    private static final Pattern INDUSTRY = Pattern.compile("([A-Z]{2}(?:/[TZ])?) " + NUMBER + "-(\\d{2}|\\d{4})");
    private static final Pattern LOCAL = Pattern.compile("(DB\\d{2}(?:/T)?/?) ?" + NUMBER + "-(\\d{4})");
    private static final Pattern GROUP = Pattern.compile("(T/[A-Z][A-Z0-9]+) " + NUMBER + "-(\\d{4})");
    private static final Pattern ENTERPRISE = Pattern.compile("(Q/[A-Z0-9]+(?:/[JGZ])?) " + "([A-Z]?\\d+(?:\\.\\d+)*)" + "-(\\d{4})");
    private static final Pattern INTERNATIONAL = Pattern.compile("(ISO/IEC|ISO|IEC) " + NUMBER + ":(\\d{4})");

    public StandardNumber
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(number, "number is null");
        requireNonNull(adopted, "adopted is null");
    }

    public static Optional<StandardNumber> parse(String text)
    {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        int separator = value.indexOf("/ISO") > 0 ? value.indexOf("/ISO") : value.indexOf("/IEC");
        if (separator > 0 && value.startsWith("GB")) {
            String adopted = value.substring(separator + 1);
            if (parseSingle(adopted).filter(number -> number.kind() == Kind.INTERNATIONAL).isEmpty()) {
                return Optional.empty();
            }
            return parseSingle(value.substring(0, separator))
                    .map(national -> new StandardNumber(national.kind(), national.prefix(), national.number(), national.year(), Optional.of(adopted)));
        }
        return parseSingle(value);
    }

    private static Optional<StandardNumber> parseSingle(String value)
    {
        Optional<StandardNumber> result = match(NATIONAL, value, Kind.NATIONAL);
        if (result.isEmpty()) {
            result = match(LOCAL, value, Kind.LOCAL);
        }
        if (result.isEmpty() && !value.startsWith("GB")) {
            result = match(INDUSTRY, value, Kind.INDUSTRY);
        }
        if (result.isEmpty()) {
            result = match(GROUP, value, Kind.GROUP);
        }
        if (result.isEmpty()) {
            result = match(ENTERPRISE, value, Kind.ENTERPRISE);
        }
        if (result.isEmpty()) {
            result = match(INTERNATIONAL, value, Kind.INTERNATIONAL);
        }
        return result;
    }

    private static Optional<StandardNumber> match(Pattern pattern, String value, Kind kind)
    {
        Matcher matcher = pattern.matcher(value);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(matcher.group(3));
        if (year < 100) {
            year += year > 50 ? 1900 : 2000;
        }
        return Optional.of(new StandardNumber(kind, matcher.group(1), matcher.group(2), year, Optional.empty()));
    }
}
