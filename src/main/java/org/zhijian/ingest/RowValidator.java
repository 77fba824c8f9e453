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
import org.zhijian.schema.SourceDataset;
import org.zhijian.schema.Rule;

import static java.util.Objects.requireNonNull;

/**
 * Applies every row rule of PRODUCT.md §3 to one record of one dataset and returns its typed
 * values with all the rules it breaks (not just the first). Pure and serializable: Spark runs
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
        if (dataset != SourceDataset.ENTERPRISE_LISTS) {
            return;
        }
        String code = raw[dataset.columnIndex("credit_code")];
        if (code == null || code.isBlank()) {
            String name = raw[dataset.columnIndex("name")];
            errors.add(new RowError(Rule.LIST_ENTERPRISE, "name", name == null ? "" : name.strip(),
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
                // The end of a certification term lies ahead by nature.
                if (date.get().isAfter(asOf) && !column.name().equals("valid_until")) {
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
                if (value.get() > asOf.getYear()) {
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
                else if (column.name().equals("category") && !reference.isCategory(text)) {
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
        switch (column.name()) {
            case "credit_code" -> {
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
            case "county_code" -> {
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
            case "industry_code" -> {
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
            case "standard_no" -> {
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
        switch (dataset) {
            case FINANCE -> {
                BigDecimal brandSales = (BigDecimal) value(values, "brand_sales");
                BigDecimal sales = (BigDecimal) value(values, "sales_revenue");
                if (brandSales != null && sales != null && brandSales.compareTo(sales) > 0) {
                    errors.add(new RowError(Rule.BRAND_SALES_EXCEED_SALES, "brand_sales", brandSales.stripTrailingZeros().toPlainString(),
                            Rule.BRAND_SALES_EXCEED_SALES.message(brandSales.stripTrailingZeros().toPlainString(), sales.stripTrailingZeros().toPlainString())));
                }
            }
            case BRANDS -> {
                LocalDate certified = (LocalDate) value(values, "certified_on");
                LocalDate validUntil = (LocalDate) value(values, "valid_until");
                if (certified != null && validUntil != null && !validUntil.isAfter(certified)) {
                    errors.add(new RowError(Rule.VALIDITY_ORDER, "valid_until", validUntil.toString(), Rule.VALIDITY_ORDER.message(validUntil, certified)));
                }
                Object level = value(values, "level");
                if (value(values, "credit_code") == null && level != null && !level.equals("区域名牌")) {
                    errors.add(new RowError(Rule.HOLDER_REQUIRED, "credit_code", "", Rule.HOLDER_REQUIRED.message(level)));
                }
            }
            case STANDARDS -> {
                Object adoption = value(values, "adoption");
                if (("IDT".equals(adoption) || "MOD".equals(adoption)) && value(values, "intl_ref") == null) {
                    errors.add(new RowError(Rule.ADOPTION_NEEDS_REFERENCE, "intl_ref", "", Rule.ADOPTION_NEEDS_REFERENCE.message(adoption)));
                }
            }
            case ENTERPRISE_LISTS -> {
                if (value(values, "match") == null && value(values, "credit_code") != null) {
                    values[dataset.columnIndex("match")] = ProducerResolver.Match.GIVEN.id();
                }
            }
            case INSPECTIONS, FAILED_BATCHES -> {
                if (value(values, "credit_code") == null && value(values, "producer_name") == null) {
                    errors.add(new RowError(Rule.PRODUCER_NAME_REQUIRED, "producer_name", "", Rule.PRODUCER_NAME_REQUIRED.message()));
                }
                // The project's own layout names its producer by code, or by name alone for an unlicensed one.
                if (value(values, "match") == null) {
                    values[dataset.columnIndex("match")] = (value(values, "credit_code") != null ? ProducerResolver.Match.GIVEN : ProducerResolver.Match.UNLICENSED).id();
                }
                if (dataset == SourceDataset.INSPECTIONS && value(values, "in_province") == null) {
                    values[dataset.columnIndex("in_province")] = Boolean.TRUE;
                }
                // A batch has a county unless its producer could not be placed in one.
                boolean placed = !UNPLACED.contains((String) value(values, "match"));
                if (dataset == SourceDataset.INSPECTIONS && placed && value(values, "county_code") == null
                        && errors.stream().noneMatch(error -> error.column().equals("county_code"))) {
                    errors.add(new RowError(Rule.REQUIRED, "county_code", "", Rule.REQUIRED.message()));
                }
            }
            default -> {
            }
        }
    }

    private void fillDerived(Object[] values, int offset, Derived derived)
    {
        int i = offset;
        List<String> names = dataset.columnNames();
        if (names.contains("county_code")) {
            values[i++] = derived.city;
            values[i++] = derived.originalCounty;
        }
        if (names.contains("industry_code")) {
            values[i++] = derived.section;
            values[i++] = derived.division;
        }
        if (dataset == SourceDataset.STANDARDS) {
            values[i++] = derived.standardKind;
        }
        Optional<String> yearSource = StagedSchema.yearSource(dataset);
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
        return new RowError(rule, column.name(), value, rule.message(arguments));
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
