package org.zhijian.schema;

import java.util.Arrays;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * zhijian's own validation rules, for every dataset, with a stable id (stored in quarantine and
 * manifests) and a message template. Row rules quarantine one row; file rules reject a whole
 * file. Rules between the columns of one dataset and its references to others are the
 * dataset's own, in conf/datasets ({@link RowRule}, {@link Reference}).
 */
public enum Rule
{
    FILE_EMPTY("file.empty", Scope.FILE, "the file is empty"),
    FILE_ENCODING("file.encoding", Scope.FILE, "the file cannot be decoded as %s"),
    FILE_MISSING_COLUMN("file.missing_column", Scope.FILE, "required column '%s' is missing from the header"),
    FILE_UNREADABLE("file.unreadable", Scope.FILE, "the file cannot be read: %s"),
    FILE_DUPLICATE_COLUMN("file.duplicate_column", Scope.FILE, "headers '%s' and '%s' both name column %s"),
    FILE_PROFILE("file.profile", Scope.FILE, "the file's layout is not clear: %s"),

    COLUMN_COUNT("struct.column_count", Scope.ROW, "expected %s fields, found %s"),
    ROW_ENCODING("format.encoding", Scope.ROW, "the line holds bytes that are not valid %s"),
    ROW_UNREADABLE("struct.unreadable", Scope.ROW, "the rest of the file cannot be read: %s"),
    LINE_TOO_LONG("struct.line_too_long", Scope.ROW, "%s, longer than ingest.max_line_bytes (%s): it was not loaded, only its start is kept"),

    DATE_FORMAT("format.date", Scope.ROW, "'%s' is not a date (yyyy-MM-dd, yyyy/M/d, yyyyMMdd, yyyy年M月d日 or an Excel serial)"),
    BOOLEAN_FORMAT("format.boolean", Scope.ROW, "'%s' is not a yes/no value (是/否, Y/N, true/false, 1/0)"),
    NUMBER_FORMAT("format.number", Scope.ROW, "'%s' is not a number"),
    REQUIRED("value.required", Scope.ROW, "required value is empty"),
    NEGATIVE_AMOUNT("value.negative", Scope.ROW, "amount %s is negative"),
    NOT_IN_LIST("value.not_in_list", Scope.ROW, "'%s' is not one of %s"),

    CREDIT_CODE_FORMAT("code.credit_format", Scope.ROW, "'%s' is not an 18-character unified social credit code"),
    CREDIT_CODE_CHECK("code.credit_check", Scope.ROW, "'%s' fails the GB 32100 check character (expected %s)"),
    COUNTY_UNKNOWN("code.county", Scope.ROW, "'%s' is not a Zhejiang county code (GB/T 2260)"),
    INDUSTRY_UNKNOWN("code.industry", Scope.ROW, "'%s' is not a GB/T 4754-2017 code in the reference data"),
    CATEGORY_UNKNOWN("code.category", Scope.ROW, "'%s' is not a product category in the reference data (nearest: %s)"),
    STANDARD_NUMBER("code.standard_no", Scope.ROW, "'%s' is not a standard number of a known kind"),

    FUTURE_DATE("rule.date_future", Scope.ROW, "%s is in the future"),

    DUPLICATE_KEY("key.duplicate", Scope.ROW, "key %s already appeared at %s line %s with different content"),
    EXACT_DUPLICATE("key.exact_duplicate", Scope.ROW, "row repeats %s line %s exactly"),
    LIST_ENTERPRISE("ref.list_enterprise", Scope.ROW, "%s matches no enterprise of the register (by credit code, or by name exactly or normalised)");

    /** Whether a rule rejects one row or a whole file. */
    public enum Scope
    {
        ROW,
        FILE,
    }

    private final String id;
    private final Scope scope;
    private final String template;

    Rule(String id, Scope scope, String template)
    {
        this.id = requireNonNull(id, "id is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.template = requireNonNull(template, "template is null");
    }

    public String id()
    {
        return id;
    }

    public Scope scope()
    {
        return scope;
    }

    public String template()
    {
        return template;
    }

    public String message(Object... arguments)
    {
        return String.format(template, arguments);
    }

    public static Optional<Rule> forId(String id)
    {
        return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
    }
}
