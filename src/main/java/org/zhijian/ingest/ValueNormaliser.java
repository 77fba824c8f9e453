package org.zhijian.ingest;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.zhijian.schema.Column;
import org.zhijian.schema.ColumnType;

/**
 * What a file of another layout than the project's own gets before validation, each step
 * counted by its rule so the load says how much was changed: surrounding spaces (full-width and
 * no-break ones too) trimmed ({@code norm.space}); full-width characters folded to half-width in
 * codes, numbers, dates and flags ({@code norm.width}); codes upper-cased ({@code norm.case});
 * a date written 2025.3.5 made 2025-3-5 ({@code norm.date}); an amount written with its unit
 * (1,234.5万, 3.2亿元) converted to the column's unit ({@code norm.unit}). Names and other text
 * keep their characters. A value the steps cannot make valid is left for validation to reject.
 */
final class ValueNormaliser
{
    static final String SPACE = "norm.space";
    static final String WIDTH = "norm.width";
    static final String CASE = "norm.case";
    static final String DATE = "norm.date";
    static final String UNIT = "norm.unit";

    private static final Pattern DOTTED_DATE = Pattern.compile("(\\d{4})\\.(\\d{1,2})\\.(\\d{1,2})");
    private static final Pattern AMOUNT_WITH_UNIT = Pattern.compile("([+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)\\s*(亿元|万元|元|亿|万人|万|人)");
    /** Each unit in its base (元 or 人). */
    private static final Map<String, BigDecimal> UNITS = Map.of("元", BigDecimal.ONE, "万元", BigDecimal.valueOf(10_000), "亿元", BigDecimal.valueOf(100_000_000),
            "万", BigDecimal.valueOf(10_000), "亿", BigDecimal.valueOf(100_000_000), "人", BigDecimal.ONE, "万人", BigDecimal.valueOf(10_000));

    private ValueNormaliser() {}

    /** The value made ready for validation; each rule that changed it is added to {@code applied} as "rule column". */
    static String normalise(Column column, String value, List<String> applied)
    {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String result = value;
        String trimmed = result.replaceAll("^[\\s\\u3000\\u00A0]+|[\\s\\u3000\\u00A0]+$", "");
        if (!trimmed.equals(result)) {
            applied.add(SPACE + " " + column.name());
            result = trimmed;
        }
        if (column.type() == ColumnType.TEXT || result.isEmpty()) {
            return result;
        }
        String folded = Normalizer.normalize(result, Normalizer.Form.NFKC);
        if (!folded.equals(result)) {
            applied.add(WIDTH + " " + column.name());
            result = folded;
        }
        if (column.type() == ColumnType.CODE) {
            String upper = result.toUpperCase(Locale.ROOT);
            if (!upper.equals(result)) {
                applied.add(CASE + " " + column.name());
                result = upper;
            }
        }
        if (column.type() == ColumnType.DATE) {
            Matcher dotted = DOTTED_DATE.matcher(result);
            if (dotted.matches()) {
                applied.add(DATE + " " + column.name());
                result = dotted.group(1) + "-" + dotted.group(2) + "-" + dotted.group(3);
            }
        }
        if (column.type() == ColumnType.DECIMAL && UNITS.containsKey(column.unit())) {
            Matcher amount = AMOUNT_WITH_UNIT.matcher(result);
            if (amount.matches()) {
                BigDecimal number = new BigDecimal(amount.group(1).replace(",", ""));
                BigDecimal converted = number.multiply(UNITS.get(amount.group(2))).divide(UNITS.get(column.unit()), FieldParsers.AMOUNT_SCALE + 8, java.math.RoundingMode.HALF_UP);
                applied.add(UNIT + " " + column.name());
                result = converted.stripTrailingZeros().toPlainString();
            }
        }
        return result;
    }
}
