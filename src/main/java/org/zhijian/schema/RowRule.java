package org.zhijian.schema;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A rule between the columns of one row, written in a dataset's file under {@code rules:} with
 * a stable id (stored in quarantine) and a message whose {@code {column}} placeholders take the
 * row's values. A rule is checked only on values that parsed; a missing value is the business
 * of {@code required}.
 */
public sealed interface RowRule
        extends Serializable
        permits RowRule.Comparison, RowRule.RequiredWhen
{
    Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

    String id();

    /** The column an error of the rule is reported on. */
    String column();

    String message();

    /** The columns the rule reads. */
    List<String> columns();

    /** {@code left op right}, e.g. {@code brand_sales <= sales_revenue}: broken when both have values and it does not hold. */
    record Comparison(String id, String left, Op op, String right, String message)
            implements RowRule
    {
        public Comparison
        {
            requireNonNull(id, "id is null");
            requireNonNull(left, "left is null");
            requireNonNull(op, "op is null");
            requireNonNull(right, "right is null");
            requireNonNull(message, "message is null");
        }

        @Override
        public String column()
        {
            return left;
        }

        @Override
        public List<String> columns()
        {
            return List.of(left, right);
        }
    }

    /** {@code column} must have a value when {@code when} holds, e.g. intl_ref when {@code adoption in [IDT, MOD]}. */
    record RequiredWhen(String id, String column, String whenColumn, Test test, List<String> values, String message)
            implements RowRule
    {
        public RequiredWhen
        {
            requireNonNull(id, "id is null");
            requireNonNull(column, "column is null");
            requireNonNull(whenColumn, "whenColumn is null");
            requireNonNull(test, "test is null");
            values = List.copyOf(requireNonNull(values, "values is null"));
            requireNonNull(message, "message is null");
        }

        @Override
        public List<String> columns()
        {
            return List.of(column, whenColumn);
        }

        /** Whether the condition holds for the value of {@code whenColumn} (null when empty). */
        public boolean applies(Object value)
        {
            String text = value == null ? null : text(value);
            return switch (test) {
                case IN -> text != null && values.contains(text);
                case NOT_IN -> text != null && !values.contains(text);
                case EMPTY -> text == null;
                case NOT_EMPTY -> text != null;
            };
        }
    }

    /** A comparison between two values of one type. */
    enum Op
    {
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        EQ("="),
        NE("!=");

        private final String symbol;

        Op(String symbol)
        {
            this.symbol = symbol;
        }

        public String symbol()
        {
            return symbol;
        }

        public boolean holds(int comparison)
        {
            return switch (this) {
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
            };
        }
    }

    /** The condition of a {@link RequiredWhen}. */
    enum Test
    {
        /** The column has one of the values. */
        IN,
        /** The column has a value that is none of them. */
        NOT_IN,
        EMPTY,
        NOT_EMPTY,
    }

    /** A typed value as messages show it: amounts without trailing zeros, dates as yyyy-MM-dd. */
    static String text(Object value)
    {
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    /** The template with each {@code {column}} replaced by the row's value ("" when it has none). */
    static String render(String template, Map<String, Object> values)
    {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : text(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
