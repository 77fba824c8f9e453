package org.zhijian.lake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Which columns of a lake table hold personal data, and how they are masked: names keep their
 * first character (张**), phone numbers their first three and last four digits (138****5678).
 * A column is personal when its schema marks it so (field metadata {@value #METADATA}) or when
 * it is named like a personal column (legal_rep, phone, and those conf adds).
 *
 * <p>Masking happens at the source: the views that export queries read show the masked value in
 * place of the clear one ({@link #viewColumn}), so nothing a query computes can reach the clear
 * value. Where a table stores a column already masked beside the clear one ({@code
 * <column>_masked}, as quarantine text is, field by field), the view shows that one. The same
 * rule is written twice — in Java for values masked while rows are written, in SQL for views —
 * and a test holds the two to the same results.
 */
public final class PersonalData
{
    /** Field metadata marking personal data. */
    public static final String METADATA = "personal";
    /** The suffix of a column that holds another column's value already masked. */
    public static final String MASKED_SUFFIX = "_masked";

    private static final List<String> DEFAULT_NAMES = List.of("legal_rep", "phone");

    private final Set<String> names;

    public PersonalData(List<String> configured)
    {
        Set<String> all = new HashSet<>(DEFAULT_NAMES);
        configured.forEach(name -> all.add(name.toLowerCase(Locale.ROOT)));
        this.names = Set.copyOf(all);
    }

    /** Whether a column of a table is personal. */
    public boolean isPersonal(StructField field)
    {
        return marked(field) || names.contains(field.name().toLowerCase(Locale.ROOT));
    }

    public static boolean marked(StructField field)
    {
        return field.metadata().contains(METADATA) && field.metadata().getBoolean(METADATA);
    }

    /** The personal columns of a table's schema, in order (the {@code _masked} companions not counted). */
    public List<String> personalColumns(StructType schema)
    {
        List<String> personal = new ArrayList<>();
        for (StructField field : schema.fields()) {
            if (!field.name().endsWith(MASKED_SUFFIX) && isPersonal(field)) {
                personal.add(field.name());
            }
        }
        return personal;
    }

    /**
     * The SQL select item a view shows for a column: the column itself, its masked value under its
     * own name, or nothing (empty) for a {@code _masked} companion, which the view never shows by
     * its own name.
     */
    public java.util.Optional<String> viewColumn(StructType schema, StructField field, boolean unmasked)
    {
        String name = field.name();
        Set<String> columns = Set.of(schema.fieldNames());
        if (name.endsWith(MASKED_SUFFIX) && columns.contains(name.substring(0, name.length() - MASKED_SUFFIX.length()))) {
            return java.util.Optional.empty();
        }
        String quoted = quote(name);
        if (unmasked || !isPersonal(field)) {
            return java.util.Optional.of(quoted);
        }
        if (columns.contains(name + MASKED_SUFFIX)) {
            return java.util.Optional.of(quote(name + MASKED_SUFFIX) + " AS " + quoted);
        }
        if (!field.dataType().equals(DataTypes.StringType)) {
            // A personal value that is not text has no masked form: the view hides it.
            return java.util.Optional.of("CAST(NULL AS " + field.dataType().sql() + ") AS " + quoted);
        }
        return java.util.Optional.of(maskSql(name, quoted) + " AS " + quoted);
    }

    /** The SQL expression that masks {@code expression}, a column named {@code column}; the same results as {@link #mask}. */
    public static String maskSql(String column, String expression)
    {
        String e = expression;
        if (isPhone(column)) {
            return "CASE WHEN " + e + " IS NULL OR " + e + " = '' THEN " + e
                    + " WHEN char_length(" + e + ") <= 7 THEN repeat('*', char_length(" + e + "))"
                    + " ELSE concat(substr(" + e + ", 1, 3), '****', substr(" + e + ", -4)) END";
        }
        return "CASE WHEN " + e + " IS NULL OR " + e + " = '' THEN " + e + " ELSE concat(substr(" + e + ", 1, 1), '**') END";
    }

    /** Masks one value of a personal column: a phone keeps its first 3 and last 4 characters, anything else its first character. */
    public static String mask(String column, String value)
    {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (isPhone(column)) {
            int length = value.codePointCount(0, value.length());
            if (length <= 7) {
                return "*".repeat(length);
            }
            return firstCodePoints(value, 3) + "****" + value.substring(value.offsetByCodePoints(0, length - 4));
        }
        return firstCodePoints(value, 1) + "**";
    }

    private static boolean isPhone(String column)
    {
        String lower = column.toLowerCase(Locale.ROOT);
        return lower.contains("phone") || lower.contains("mobile") || lower.contains("tel");
    }

    private static String firstCodePoints(String value, int count)
    {
        return value.substring(0, value.offsetByCodePoints(0, count));
    }

    private static String quote(String name)
    {
        return "`" + name.replace("`", "``") + "`";
    }
}
