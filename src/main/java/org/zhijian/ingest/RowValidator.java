package org.zhijian.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.zhijian.reference.CreditCode;
import org.zhijian.reference.Industry;
import org.zhijian.reference.StandardNumber;
import org.zhijian.schema.Column;
import org.zhijian.schema.RowRule;
import org.zhijian.schema.SourceDataset;
import org.zhijian.schema.Rule;

import static java.util.Objects.requireNonNull;

/**
 * Applies every row rule to one record of one dataset — zhijian's own (types, lists, codes) and
 * the dataset's from conf/datasets — and returns its typed values with all the rules it breaks
 * (not just the first). Pure and serializable: Spark runs
 * it on executors, tests run it directly. Key and reference rules, which need other rows, are
 * applied afterwards by {@link IngestPipeline}.
 */
public final class RowValidator
        implements Serializable
{
    private static final long serialVersionUID = 1L;
    private static final char CONTENT_SEPARATOR = '\u001F';
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** The matches that leave a producer without a county. */
    private static final java.util.Set<String> UNPLACED = java.util.Set.of(ProducerResolver.Match.AMBIGUOUS.id(), ProducerResolver.Match.UNMATCHED.id(),
            ProducerResolver.Match.OUTSIDE.id());

    private final SourceDataset dataset;
    private final ValidationReference reference;
    private final LocalDate asOf;
    private final boolean acceptPilotCreditCodes;
    private final int derivedCount;

    public RowValidator(SourceDataset dataset, ValidationReference reference, LocalDate asOf, boolean acceptPilotCreditCodes)
    {
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.reference = requireNonNull(reference, "reference is null");
        this.asOf = requireNonNull(asOf, "asOf is null");
        this.acceptPilotCreditCodes = acceptPilotCreditCodes;
        this.derivedCount = StagedSchema.derivedFields(dataset).size();
    }

    public SourceDataset dataset()
    {
        return dataset;
    }

    /**
     * Validates one record whose fields are given in the dataset's column order (null for a
     * column the file does not have).
     */
    public ValidatedRow validate(String[] raw)
    {
        List<Column> columns = dataset.columns();
        Object[] values = new Object[columns.size() + derivedCount];
        List<RowError> errors = new ArrayList<>(2);
        Derived derived = new Derived();
        long content = FNV_OFFSET;
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            String text = raw[i] == null ? "" : raw[i].strip();
            content = hash(hash(content, text), CONTENT_SEPARATOR);
            if (text.isEmpty()) {
                if (column.required()) {
                    errors.add(error(Rule.REQUIRED, column, text));
                }
                continue;
            }
            values[i] = parse(column, text, errors, derived);
        }
        crossFieldRules(values, errors);
        listRules(raw, errors);
        fillDerived(values, columns.size(), derived);
        return new ValidatedRow(values, List.copyOf(errors), key(values, errors), content, derived.originalCounty != null);
    }

    /** A record with no content: no values and no errors (it is counted apart, not validated). */
    public ValidatedRow blank()
    {
        return new ValidatedRow(new Object[dataset.columns().size() + derivedCount], List.of(), null, 0, false);
    }

    /** A row that could not be split into the dataset's columns: only the structural error. */
    public ValidatedRow structural(RowError error)
    {
        return new ValidatedRow(new Object[dataset.columns().size() + derivedCount], List.of(error), null, 0, false);
    }

    /** A list's row names an enterprise the register must hold: by its code, or by a name that resolved to one. */
    private void listRules(String[] raw, List<RowError> errors)
    {
        if (!dataset.is(SourceDataset.ENTERPRISE_LISTS)) {
            return;
        }
        String code = raw[dataset.columnIndex("credit_code")];
        if (code == null || code.isBlank()) {
            String name = raw[dataset.columnIndex("name")];
            errors.add(new RowError(Rule.LIST_ENTERPRISE.id(), "name", name == null ? "" : name.strip(),
                    Rule.LIST_ENTERPRISE.message(name == null || name.isBlank() ? "a row without credit code or name" : "'" + name.strip() + "'")));
        }
    }

    private Object parse(Column column, String text, List<RowError> errors, Derived derived)
    {
        switch (column.type()) {
            case DATE -> {
                Optional<LocalDate> date = FieldParsers.date(text);
                if (date.isEmpty()) {
                    errors.add(error(Rule.DATE_FORMAT, column, text, text));
                    return null;
                }
                // The end of a term lies ahead by nature (future: allowed).
                if (date.get().isAfter(asOf) && !column.futureAllowed()) {
                    errors.add(error(Rule.FUTURE_DATE, column, text, column.name() + " " + date.get()));
                }
                return date.get();
            }
            case BOOLEAN -> {
                Optional<Boolean> value = FieldParsers.bool(text);
                if (value.isEmpty()) {
                    errors.add(error(Rule.BOOLEAN_FORMAT, column, text, text));
                }
                return value.orElse(null);
            }
            case DECIMAL -> {
                Optional<BigDecimal> value = FieldParsers.amount(text);
                if (value.isEmpty()) {
                    errors.add(error(Rule.NUMBER_FORMAT, column, text, text));
                    return null;
                }
                if (value.get().signum() < 0) {
                    errors.add(error(Rule.NEGATIVE_AMOUNT, column, text, text));
                }
                return value.get();
            }
            case INTEGER -> {
                Optional<Long> value = FieldParsers.integer(text);
                if (value.isEmpty()) {
                    errors.add(error(Rule.NUMBER_FORMAT, column, text, text));
                    return null;
                }
                if (value.get() < 0) {
                    errors.add(error(Rule.NEGATIVE_AMOUNT, column, text, text));
                }
                return value.get();
            }
            case YEAR -> {
                Optional<Integer> value = FieldParsers.year(text);
                if (value.isEmpty()) {
                    errors.add(error(Rule.NUMBER_FORMAT, column, text, text));
                    return null;
                }
                if (value.get() > asOf.getYear() && !column.futureAllowed()) {
                    errors.add(error(Rule.FUTURE_DATE, column, text, column.name() + " " + value.get()));
                }
                return value.get();
            }
            case CODE -> {
                return code(column, text, errors, derived);
            }
            case TEXT -> {
                if (!column.allowedValues().isEmpty() && !column.allowedValues().contains(text)) {
                    errors.add(error(Rule.NOT_IN_LIST, column, text, text, String.join("/", column.allowedValues())));
                }
                else if (column.kind() == Column.Kind.CATEGORY && !reference.isCategory(text)) {
                    List<String> nearest = reference.nearestCategories(text, 3);
                    errors.add(error(Rule.CATEGORY_UNKNOWN, column, text, text, nearest.isEmpty() ? "none alike" : String.join(", ", nearest)));
                }
                return text;
            }
        }
        throw new IllegalStateException("unhandled type " + column.type());
    }

    private String code(Column column, String text, List<RowError> errors, Derived derived)
    {
        switch (column.kind()) {
            case CREDIT_CODE -> {
                String code = text.toUpperCase(Locale.ROOT);
                switch (CreditCode.verify(code)) {
                    case BAD_FORMAT -> errors.add(error(Rule.CREDIT_CODE_FORMAT, column, text, text));
                    case BAD_CHECK -> {
                        if (!acceptPilotCreditCodes) {
                            errors.add(error(Rule.CREDIT_CODE_CHECK, column, text, text, CreditCode.expectedCheckCharacter(code).map(String::valueOf).orElse("?")));
                        }
                    }
                    case VALID -> {
                    }
                }
                return code;
            }
            case COUNTY -> {
                Optional<String> current = reference.currentCounty(text);
                if (current.isEmpty()) {
                    errors.add(error(Rule.COUNTY_UNKNOWN, column, text, text));
                    return text;
                }
                if (!current.get().equals(text)) {
                    derived.originalCounty = text;
                }
                derived.city = reference.cityOf(current.get());
                return current.get();
            }
            case INDUSTRY -> {
                String code = text.toUpperCase(Locale.ROOT);
                Optional<Industry> industry = reference.industries().resolve(code);
                if (industry.isEmpty()) {
                    errors.add(error(Rule.INDUSTRY_UNKNOWN, column, text, text));
                }
                else {
                    derived.section = industry.get().section();
                    derived.division = industry.get().isSection() ? null : industry.get().code();
                }
                return code;
            }
            case STANDARD_NO -> {
                Optional<StandardNumber> number = StandardNumber.parse(text);
                if (number.isEmpty()) {
                    errors.add(error(Rule.STANDARD_NUMBER, column, text, text));
                }
                else {
                    derived.standardKind = number.get().kind().name().toLowerCase(Locale.ROOT);
                }
                return text;
            }
            default -> {
                return text;
            }
        }
    }

    private void crossFieldRules(Object[] values, List<RowError> errors)
    {
        for (RowRule rule : dataset.rules()) {
            if (rule instanceof RowRule.Comparison comparison) {
                compare(comparison, values, errors);
            }
            else if (rule instanceof RowRule.RequiredWhen required) {
                if (value(values, required.column()) == null && required.applies(value(values, required.whenColumn()))
                        && errors.stream().noneMatch(error -> error.column().equals(required.column()))) {
                    errors.add(new RowError(required.id(), required.column(), "", render(required.message(), values)));
                }
            }
        }
        producerRules(values, errors);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void compare(RowRule.Comparison rule, Object[] values, List<RowError> errors)
    {
        Object left = value(values, rule.left());
        Object right = value(values, rule.right());
        if (left instanceof Comparable comparable && right != null && !rule.op().holds(comparable.compareTo(right))) {
            errors.add(new RowError(rule.id(), rule.left(), RowRule.text(left), render(rule.message(), values)));
        }
    }

    private String render(String template, Object[] values)
    {
        java.util.Map<String, Object> byName = new java.util.HashMap<>();
        java.util.regex.Matcher placeholders = RowRule.PLACEHOLDER.matcher(template);
        while (placeholders.find()) {
            byName.put(placeholders.group(1), value(values, placeholders.group(1)));
        }
        return RowRule.render(template, byName);
    }

    /**
     * How the datasets that name producers record what resolution found: the project's own
     * layout names its producer by code, or by name alone for an unlicensed one.
     */
    private void producerRules(Object[] values, List<RowError> errors)
    {
        if (dataset.is(SourceDataset.ENTERPRISE_LISTS)) {
            if (value(values, "match") == null && value(values, "credit_code") != null) {
                values[dataset.columnIndex("match")] = ProducerResolver.Match.GIVEN.id();
            }
        }
        else if (dataset.is(SourceDataset.INSPECTIONS) || dataset.is(SourceDataset.FAILED_BATCHES)) {
            if (value(values, "match") == null) {
                values[dataset.columnIndex("match")] = (value(values, "credit_code") != null ? ProducerResolver.Match.GIVEN : ProducerResolver.Match.UNLICENSED).id();
            }
            if (dataset.is(SourceDataset.INSPECTIONS) && value(values, "in_province") == null) {
                values[dataset.columnIndex("in_province")] = Boolean.TRUE;
            }
            // A batch has a county unless its producer could not be placed in one.
            boolean placed = !UNPLACED.contains((String) value(values, "match"));
            if (dataset.is(SourceDataset.INSPECTIONS) && placed && value(values, "county_code") == null
                    && errors.stream().noneMatch(error -> error.column().equals("county_code"))) {
                errors.add(new RowError(Rule.REQUIRED.id(), "county_code", "", Rule.REQUIRED.message()));
            }
        }
    }

    private void fillDerived(Object[] values, int offset, Derived derived)
    {
        int i = offset;
        if (dataset.columnOf(Column.Kind.COUNTY).isPresent()) {
            values[i++] = derived.city;
            values[i++] = derived.originalCounty;
        }
        if (dataset.columnOf(Column.Kind.INDUSTRY).isPresent()) {
            values[i++] = derived.section;
            values[i++] = derived.division;
        }
        if (dataset.columnOf(Column.Kind.STANDARD_NO).isPresent()) {
            values[i++] = derived.standardKind;
        }
        Optional<String> yearSource = dataset.yearSource();
        if (yearSource.isPresent()) {
            LocalDate date = (LocalDate) value(values, yearSource.get());
            values[i] = date == null ? null : date.getYear();
        }
    }

    /** The row's key as compared for duplicates, or null when a key column has no valid value. */
    private String key(Object[] values, List<RowError> errors)
    {
        for (RowError error : errors) {
            if (dataset.keyColumns().contains(error.column())) {
                return null;
            }
        }
        StringBuilder key = new StringBuilder();
        for (String column : dataset.keyColumns()) {
            Object value = value(values, column);
            if (value == null) {
                return null;
            }
            if (!key.isEmpty()) {
                key.append('/');
            }
            key.append(value);
        }
        return key.toString();
    }

    private static long hash(long hash, String text)
    {
        for (int i = 0; i < text.length(); i++) {
            hash = hash(hash, text.charAt(i));
        }
        return hash;
    }

    private static long hash(long hash, char c)
    {
        return (hash ^ c) * FNV_PRIME;
    }

    private Object value(Object[] values, String column)
    {
        return values[dataset.columnIndex(column)];
    }

    private static RowError error(Rule rule, Column column, String value, Object... arguments)
    {
        return new RowError(rule.id(), column.name(), value, rule.message(arguments));
    }

    /** Values derived while parsing, set into the derived columns at the end. */
    private static final class Derived
    {
        String city;
        String originalCounty;
        String section;
        String division;
        String standardKind;
    }
}
