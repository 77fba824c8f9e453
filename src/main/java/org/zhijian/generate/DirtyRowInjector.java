package org.zhijian.generate;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.zhijian.io.CsvWriter;
import org.zhijian.reference.CreditCode;
import org.zhijian.schema.Column;
import org.zhijian.schema.ColumnType;
import org.zhijian.schema.Reference;
import org.zhijian.schema.RowRule;
import org.zhijian.schema.SourceDataset;
import org.zhijian.schema.Rule;

import static org.zhijian.schema.Rule.BOOLEAN_FORMAT;
import static org.zhijian.schema.Rule.CATEGORY_UNKNOWN;
import static org.zhijian.schema.Rule.COLUMN_COUNT;
import static org.zhijian.schema.Rule.COUNTY_UNKNOWN;
import static org.zhijian.schema.Rule.CREDIT_CODE_CHECK;
import static org.zhijian.schema.Rule.CREDIT_CODE_FORMAT;
import static org.zhijian.schema.Rule.DATE_FORMAT;
import static org.zhijian.schema.Rule.DUPLICATE_KEY;
import static org.zhijian.schema.Rule.EXACT_DUPLICATE;
import static org.zhijian.schema.Rule.FUTURE_DATE;
import static org.zhijian.schema.Rule.INDUSTRY_UNKNOWN;
import static org.zhijian.schema.Rule.NEGATIVE_AMOUNT;
import static org.zhijian.schema.Rule.NOT_IN_LIST;
import static org.zhijian.schema.Rule.NUMBER_FORMAT;
import static org.zhijian.schema.Rule.REQUIRED;
import static org.zhijian.schema.Rule.STANDARD_NUMBER;

/**
 * Inserts realistic bad rows among the clean ones, each breaking one validation rule, and
 * records in a manifest (_injected.csv) where each went and which rule it breaks. Bad rows
 * get keys of their own (except the duplicates), so that no clean row is disturbed.
 */
final class DirtyRowInjector
{
    static final String MANIFEST_FILE = "_injected.csv";

    // The rules of a dataset's file by id: the datasets' own (conf/datasets) in the same turn as zhijian's.
    private static final String ADOPTION_REF = "rule.adoption_ref";
    private static final String BRAND_SALES_LE_SALES = "rule.brand_sales_le_sales";
    private static final String VALID_UNTIL_AFTER_CERTIFIED = "rule.valid_until_after_certified";
    private static final String HOLDER_REQUIRED = "rule.holder_required";
    private static final String PRODUCER_NAME_REQUIRED = "rule.producer_name_required";
    private static final String UNKNOWN_ENTERPRISE = "ref.enterprise";

    /** The rules each of the generator's own datasets breaks in turn, as they always have. */
    private static final Map<String, List<String>> RULES = Map.of(
            SourceDataset.ENTERPRISES, ids(COLUMN_COUNT, DATE_FORMAT, BOOLEAN_FORMAT, REQUIRED, NOT_IN_LIST, CREDIT_CODE_FORMAT, CREDIT_CODE_CHECK, COUNTY_UNKNOWN, INDUSTRY_UNKNOWN, FUTURE_DATE, DUPLICATE_KEY, EXACT_DUPLICATE),
            SourceDataset.FINANCE, ids(COLUMN_COUNT, NUMBER_FORMAT, NEGATIVE_AMOUNT, REQUIRED, BRAND_SALES_LE_SALES, UNKNOWN_ENTERPRISE, CREDIT_CODE_FORMAT, DUPLICATE_KEY, EXACT_DUPLICATE),
            SourceDataset.BRANDS, ids(COLUMN_COUNT, DATE_FORMAT, BOOLEAN_FORMAT, NOT_IN_LIST, VALID_UNTIL_AFTER_CERTIFIED, HOLDER_REQUIRED, FUTURE_DATE, INDUSTRY_UNKNOWN, COUNTY_UNKNOWN, UNKNOWN_ENTERPRISE, DUPLICATE_KEY, EXACT_DUPLICATE),
            SourceDataset.STANDARDS, ids(COLUMN_COUNT, STANDARD_NUMBER, ADOPTION_REF, NOT_IN_LIST, DATE_FORMAT, BOOLEAN_FORMAT, REQUIRED, UNKNOWN_ENTERPRISE, FUTURE_DATE, DUPLICATE_KEY, EXACT_DUPLICATE),
            SourceDataset.INSPECTIONS, ids(COLUMN_COUNT, DATE_FORMAT, FUTURE_DATE, CATEGORY_UNKNOWN, NOT_IN_LIST, COUNTY_UNKNOWN, PRODUCER_NAME_REQUIRED, UNKNOWN_ENTERPRISE, CREDIT_CODE_CHECK, DUPLICATE_KEY, EXACT_DUPLICATE),
            SourceDataset.CASES, ids(COLUMN_COUNT, NOT_IN_LIST, NUMBER_FORMAT, NEGATIVE_AMOUNT, DATE_FORMAT, COUNTY_UNKNOWN, UNKNOWN_ENTERPRISE, FUTURE_DATE, DUPLICATE_KEY, EXACT_DUPLICATE),
            SourceDataset.REGION_ECONOMY, ids(COLUMN_COUNT, NUMBER_FORMAT, REQUIRED, NEGATIVE_AMOUNT, COUNTY_UNKNOWN, DUPLICATE_KEY, EXACT_DUPLICATE));

    private static List<String> ids(Object... rules)
    {
        return Arrays.stream(rules).map(rule -> rule instanceof Rule own ? own.id() : (String) rule).toList();
    }

    private static final String[] BAD_DATES = {"2021-13-45", "2019/2/30", "2020年13月1日", "去年三月", "2021.05.06", "N/A"};
    private static final String[] BAD_BOOLEANS = {"可能", "待定", "2", "-"};
    private static final String[] BAD_NUMBERS = {"12,3a4.5", "N/A", "一万二", "1.2.3"};
    private static final String[] BAD_COUNTIES = {"339999", "330371", "330101", "33078"};
    private static final String[] BAD_INDUSTRIES = {"99", "C99", "00", "Z1"};
    private static final String[] BAD_CATEGORIES = {"不明产品", "其它商品", "散装杂货"};
    private static final String[] BAD_STANDARD_NUMBERS = {"国标19001", "ABC 123-2019", "GB/X 1234-2019", "XYZ", "T/ 0123-2019"};
    private static final Map<String, String[]> BAD_LIST_VALUES = Map.of(
            SourceDataset.ENTERPRISES, new String[] {"超大型", "特大型"},
            SourceDataset.BRANDS, new String[] {"省级名牌", "著名商标"},
            SourceDataset.STANDARDS, new String[] {"起草", "采用"},
            SourceDataset.INSPECTIONS, new String[] {"待定", "基本合格"},
            SourceDataset.CASES, new String[] {"违规经营", "未知"});

    private final double rate;
    private final long seed;
    private final EnterprisePopulation population;
    private final CsvWriter manifest;
    private final Map<SourceDataset, Integer> nextRule = new TreeMap<>();
    private final Map<SourceDataset, RandomSource> randoms = new TreeMap<>();
    private final Map<SourceDataset, Map<String, Integer>> counts = new TreeMap<>();
    private final Map<SourceDataset, List<String>> rulesOf = new TreeMap<>();
    private final Map<SourceDataset, Long> cleanRows = new TreeMap<>();
    private final Set<String> usedFinanceKeys = new HashSet<>();
    private int freshKeys;
    private int unknownEnterprises;

    DirtyRowInjector(double rate, long seed, EnterprisePopulation population, Writer manifestWriter)
            throws IOException
    {
        this.rate = rate;
        this.seed = seed;
        this.population = population;
        this.manifest = new CsvWriter(manifestWriter, "\n");
        manifest.write(List.of("dataset", "file", "line", "key", "rule"));
    }

    /** Called after each clean row; inserts a bad row after it with the configured probability. */
    void afterCleanRow(SourceDataset dataset, RowSink sink, String[] clean)
            throws IOException
    {
        RandomSource random = randoms.computeIfAbsent(dataset, key -> new RandomSource(seed, 900 + stream(key)));
        // A small file of the newer datasets (a few accidents, a few recalls) gets its first bad row only
        // after as many clean rows as the rate implies, so that its bad share stays near the rate
        // and below ingest's reject gate.
        long written = cleanRows.merge(dataset, 1L, Long::sum);
        if (rate <= 0 || !random.chance(rate) || (!RULES.containsKey(dataset.tableName()) && written < 1 / rate)) {
            return;
        }
        List<String> rules = rulesOf.computeIfAbsent(dataset, DirtyRowInjector::rules);
        String rule;
        do {
            // A workbook has no column count to break; its turn passes to the next rule.
            rule = rules.get((nextRule.merge(dataset, 1, Integer::sum) - 1) % rules.size());
        }
        while (rule.equals(COLUMN_COUNT.id()) && !sink.supportsRaggedRows());
        String[] bad = corrupt(dataset, rule, clean, random);
        long line = rule.equals(COLUMN_COUNT.id()) ? sink.writeRaw(bad) : sink.write(bad);
        manifest.write(List.of(dataset.tableName(), sink.path().getFileName().toString(), String.valueOf(line), key(dataset, bad), rule));
        counts.computeIfAbsent(dataset, ignored -> new TreeMap<>()).merge(rule, 1, Integer::sum);
    }

    /** The random stream of a dataset's bad rows: the built-in ones keep theirs, others take one from the name. */
    private static int stream(SourceDataset dataset)
    {
        int builtIn = org.zhijian.schema.DatasetCatalogue.BUILT_IN.indexOf(dataset.tableName());
        return builtIn >= 0 ? builtIn : 100 + Math.floorMod(dataset.tableName().hashCode(), 10_000);
    }

    /**
     * The rules a dataset's bad rows break in turn: for a dataset of conf/datasets the generator
     * does not know by name, one of each kind its columns allow and every rule and reference of its file.
     */
    static List<String> rules(SourceDataset dataset)
    {
        if (RULES.containsKey(dataset.tableName())) {
            return RULES.get(dataset.tableName());
        }
        List<String> rules = new ArrayList<>(List.of(COLUMN_COUNT.id()));
        List<Column> columns = dataset.columns();
        if (requiredColumn(dataset) != null) {
            rules.add(REQUIRED.id());
        }
        if (columns.stream().anyMatch(column -> !column.allowedValues().isEmpty())) {
            rules.add(NOT_IN_LIST.id());
        }
        if (firstOfType(dataset, ColumnType.DATE, false) != null) {
            rules.add(DATE_FORMAT.id());
        }
        if (firstOfType(dataset, ColumnType.DATE, true) != null) {
            rules.add(FUTURE_DATE.id());
        }
        if (firstOfType(dataset, ColumnType.DECIMAL, false) != null || firstOfType(dataset, ColumnType.INTEGER, false) != null) {
            rules.add(NUMBER_FORMAT.id());
        }
        dataset.columnOf(Column.Kind.COUNTY).ifPresent(column -> rules.add(COUNTY_UNKNOWN.id()));
        dataset.columnOf(Column.Kind.CREDIT_CODE).ifPresent(column -> rules.add(CREDIT_CODE_FORMAT.id()));
        dataset.rules().forEach(rule -> rules.add(rule.id()));
        dataset.references().forEach(reference -> rules.add(reference.rule()));
        rules.add(DUPLICATE_KEY.id());
        rules.add(EXACT_DUPLICATE.id());
        return List.copyOf(rules);
    }

    /** A required column that is not part of the key (a key must stay unique). */
    private static String requiredColumn(SourceDataset dataset)
    {
        return dataset.columns().stream().filter(column -> column.required() && !dataset.keyColumns().contains(column.name()) && column.kind() == Column.Kind.NONE)
                .map(Column::name).findFirst().orElse(null);
    }

    private static String firstOfType(SourceDataset dataset, ColumnType type, boolean notAhead)
    {
        return dataset.columns().stream().filter(column -> column.type() == type && !(notAhead && column.futureAllowed()) && !dataset.keyColumns().contains(column.name()))
                .map(Column::name).findFirst().orElse(null);
    }

    Map<SourceDataset, Map<String, Integer>> counts()
    {
        return counts;
    }

    void close()
            throws IOException
    {
        manifest.close();
    }

    private String[] corrupt(SourceDataset dataset, String ruleId, String[] clean, RandomSource random)
    {
        String[] bad = clean.clone();
        if (ruleId.equals(EXACT_DUPLICATE.id())) {
            return bad;
        }
        if (ruleId.equals(DUPLICATE_KEY.id())) {
            changeContent(dataset, bad);
            return bad;
        }
        giveFreshKey(dataset, bad, random);
        if (!RULES.containsKey(dataset.tableName())) {
            return corruptConfigured(dataset, ruleId, bad, random);
        }
        switch (ruleId) {
            case ADOPTION_REF -> {
                set(dataset, bad, "role", "执行");
                set(dataset, bad, "adoption", random.chance(0.5) ? "IDT" : "MOD");
                set(dataset, bad, "intl_ref", "");
                return bad;
            }
            case BRAND_SALES_LE_SALES -> {
                double sales = Double.parseDouble(get(dataset, bad, "sales_revenue"));
                set(dataset, bad, "brand_sales", Amounts.format(sales * 1.3 + 10));
                return bad;
            }
            case VALID_UNTIL_AFTER_CERTIFIED -> {
                LocalDate certified = LocalDate.parse(get(dataset, bad, "certified_on"));
                set(dataset, bad, "valid_until", certified.minusYears(1).toString());
                set(dataset, bad, "revoked_on", "");
                return bad;
            }
            case PRODUCER_NAME_REQUIRED -> {
                set(dataset, bad, "credit_code", "");
                set(dataset, bad, "producer_name", "");
                return bad;
            }
            case UNKNOWN_ENTERPRISE -> {
                set(dataset, bad, "credit_code", population.unknownCreditCode(5_000_000 + unknownEnterprises++));
                return bad;
            }
            case HOLDER_REQUIRED -> {
                set(dataset, bad, "credit_code", "");
                if (get(dataset, bad, "level").equals("区域名牌")) {
                    set(dataset, bad, "level", "浙江名牌");
                }
                return bad;
            }
            default -> {
            }
        }
        Rule rule = Rule.forId(ruleId).orElseThrow(() -> new IllegalStateException("no injection for " + ruleId));
        switch (rule) {
            case COLUMN_COUNT -> bad = random.chance(0.5) ? Arrays.copyOf(bad, bad.length - 1) : append(bad, "备注");
            case DATE_FORMAT -> set(dataset, bad, dateColumn(dataset), random.pick(BAD_DATES));
            case BOOLEAN_FORMAT -> set(dataset, bad, switch (dataset.tableName()) {
                case SourceDataset.ENTERPRISES -> "above_scale";
                case SourceDataset.BRANDS -> "own_ip";
                default -> "from_rnd";
            }, random.pick(BAD_BOOLEANS));
            case NUMBER_FORMAT -> set(dataset, bad, switch (dataset.tableName()) {
                case SourceDataset.FINANCE -> "sales_revenue";
                case SourceDataset.CASES -> "fine";
                default -> "gdp";
            }, random.pick(BAD_NUMBERS));
            case REQUIRED -> set(dataset, bad, switch (dataset.tableName()) {
                case SourceDataset.ENTERPRISES -> "name";
                case SourceDataset.FINANCE -> "sales_revenue";
                case SourceDataset.STANDARDS -> "product";
                default -> "gdp";
            }, "");
            case NEGATIVE_AMOUNT -> set(dataset, bad, switch (dataset.tableName()) {
                case SourceDataset.FINANCE -> "rd_spend";
                case SourceDataset.CASES -> "goods_value";
                default -> "population";
            }, "-" + (random.nextInt(1, 900) * 10));
            case NOT_IN_LIST -> set(dataset, bad, switch (dataset.tableName()) {
                case SourceDataset.ENTERPRISES -> "size";
                case SourceDataset.BRANDS -> "level";
                case SourceDataset.STANDARDS -> "role";
                case SourceDataset.INSPECTIONS -> "result";
                default -> "violation";
            }, random.pick(BAD_LIST_VALUES.get(dataset.tableName())));
            case CREDIT_CODE_FORMAT -> {
                String code = get(dataset, bad, "credit_code");
                set(dataset, bad, "credit_code", random.chance(0.5) ? code.substring(0, 16) : code.substring(0, 10) + "I" + code.substring(11));
            }
            case CREDIT_CODE_CHECK -> {
                String code = get(dataset, bad, "credit_code");
                if (code.isEmpty()) {
                    code = population.unknownCreditCode(freshKeys);
                }
                char right = code.charAt(17);
                char wrong = CreditCode.ALPHABET.charAt((CreditCode.ALPHABET.indexOf(right) + 1 + random.nextInt(29)) % 31);
                set(dataset, bad, "credit_code", code.substring(0, 17) + wrong);
            }
            case COUNTY_UNKNOWN -> set(dataset, bad, "county_code", random.pick(BAD_COUNTIES));
            case INDUSTRY_UNKNOWN -> set(dataset, bad, "industry_code", random.pick(BAD_INDUSTRIES));
            case CATEGORY_UNKNOWN -> set(dataset, bad, "category", random.pick(BAD_CATEGORIES));
            case STANDARD_NUMBER -> set(dataset, bad, "standard_no", random.pick(BAD_STANDARD_NUMBERS));
            case FUTURE_DATE -> {
                LocalDate future = LocalDate.of(population.endYear() + 2, 1 + random.nextInt(12), 1 + random.nextInt(28));
                set(dataset, bad, dateColumn(dataset), future.toString());
                if (dataset.is(SourceDataset.BRANDS)) {
                    set(dataset, bad, "valid_until", future.plusYears(3).minusDays(1).toString());
                    set(dataset, bad, "revoked_on", "");
                }
                if (dataset.is(SourceDataset.CASES)) {
                    set(dataset, bad, "closed_on", "");
                }
            }
            default -> throw new IllegalStateException("no injection for " + rule);
        }
        return bad;
    }

    /** A bad row of a dataset the generator knows only from its file: each rule broken by the columns' types and the rule's own terms. */
    private String[] corruptConfigured(SourceDataset dataset, String ruleId, String[] bad, RandomSource random)
    {
        Optional<RowRule> configured = dataset.rules().stream().filter(rule -> rule.id().equals(ruleId)).findFirst();
        if (configured.isPresent() && configured.get() instanceof RowRule.Comparison comparison) {
            String right = get(dataset, bad, comparison.right());
            boolean above = comparison.op() == RowRule.Op.LT || comparison.op() == RowRule.Op.LE || comparison.op() == RowRule.Op.EQ;
            if (dataset.column(comparison.left()).type() == ColumnType.DATE) {
                LocalDate date = LocalDate.parse(right);
                LocalDate wrong = above ? date.plusDays(1) : date.minusYears(1);
                set(dataset, bad, comparison.left(), wrong.toString());
                if (wrong.isAfter(LocalDate.of(population.endYear(), 12, 31))) {
                    set(dataset, bad, comparison.right(), date.minusYears(1).toString());
                    set(dataset, bad, comparison.left(), date.minusYears(1).plusDays(1).toString());
                }
            }
            else {
                double value = Double.parseDouble(right.isEmpty() ? "0" : right);
                set(dataset, bad, comparison.left(), above ? Amounts.format(value * 1.3 + 10) : "0");
                if (!above) {
                    set(dataset, bad, comparison.right(), Amounts.format(value + 10));
                }
            }
            return bad;
        }
        if (configured.isPresent() && configured.get() instanceof RowRule.RequiredWhen required) {
            Column when = dataset.column(required.whenColumn());
            switch (required.test()) {
                case IN -> set(dataset, bad, required.whenColumn(), required.values().get(0));
                case NOT_IN -> set(dataset, bad, required.whenColumn(), when.allowedValues().stream().filter(value -> !required.values().contains(value)).findFirst().orElse("其他"));
                case EMPTY -> set(dataset, bad, required.whenColumn(), "");
                case NOT_EMPTY -> {
                    if (get(dataset, bad, required.whenColumn()).isEmpty()) {
                        set(dataset, bad, required.whenColumn(), when.allowedValues().isEmpty() ? "X" : when.allowedValues().get(0));
                    }
                }
            }
            set(dataset, bad, required.column(), "");
            return bad;
        }
        Optional<Reference> reference = dataset.references().stream().filter(candidate -> candidate.rule().equals(ruleId)).findFirst();
        if (reference.isPresent()) {
            boolean creditCode = dataset.column(reference.get().column()).kind() == Column.Kind.CREDIT_CODE;
            set(dataset, bad, reference.get().column(), creditCode ? population.unknownCreditCode(5_000_000 + unknownEnterprises++) : "UNKNOWN-" + unknownEnterprises++);
            return bad;
        }
        Rule rule = Rule.forId(ruleId).orElseThrow(() -> new IllegalStateException("no injection for " + ruleId));
        switch (rule) {
            case COLUMN_COUNT -> {
                return random.chance(0.5) ? Arrays.copyOf(bad, bad.length - 1) : append(bad, "备注");
            }
            case REQUIRED -> set(dataset, bad, requiredColumn(dataset), "");
            case NOT_IN_LIST -> set(dataset, bad, dataset.columns().stream().filter(column -> !column.allowedValues().isEmpty()).findFirst().orElseThrow().name(), "未知");
            case DATE_FORMAT -> set(dataset, bad, firstOfType(dataset, ColumnType.DATE, false), random.pick(BAD_DATES));
            case FUTURE_DATE -> {
                set(dataset, bad, firstOfType(dataset, ColumnType.DATE, true), LocalDate.of(population.endYear() + 2, 1 + random.nextInt(12), 1 + random.nextInt(28)).toString());
                keepComparisons(dataset, bad);
            }
            case NUMBER_FORMAT -> set(dataset, bad, Optional.ofNullable(firstOfType(dataset, ColumnType.DECIMAL, false)).orElseGet(() -> firstOfType(dataset, ColumnType.INTEGER, false)),
                    random.pick(BAD_NUMBERS));
            case COUNTY_UNKNOWN -> set(dataset, bad, dataset.columnOf(Column.Kind.COUNTY).orElseThrow().name(), random.pick(BAD_COUNTIES));
            case CREDIT_CODE_FORMAT -> {
                String column = dataset.columnOf(Column.Kind.CREDIT_CODE).orElseThrow().name();
                String code = get(dataset, bad, column);
                set(dataset, bad, column, code.length() == 18 ? code.substring(0, 16) : "91330000ABC");
            }
            default -> throw new IllegalStateException("no injection for " + rule + " in " + dataset);
        }
        return bad;
    }

    /** After a date moved, the row's date comparisons still hold, so that it breaks the one rule it is meant to. */
    private static void keepComparisons(SourceDataset dataset, String[] row)
    {
        for (RowRule rule : dataset.rules()) {
            if (rule instanceof RowRule.Comparison comparison && dataset.column(comparison.left()).type() == ColumnType.DATE) {
                String left = get(dataset, row, comparison.left());
                String right = get(dataset, row, comparison.right());
                if (left.isEmpty() || right.isEmpty() || comparison.op().holds(LocalDate.parse(left).compareTo(LocalDate.parse(right)))) {
                    continue;
                }
                boolean after = comparison.op() == RowRule.Op.GT || comparison.op() == RowRule.Op.GE;
                set(dataset, row, comparison.left(), (after ? LocalDate.parse(right).plusYears(1) : LocalDate.parse(right).minusDays(1)).toString());
            }
        }
    }

    private void giveFreshKey(SourceDataset dataset, String[] row, RandomSource random)
    {
        int n = freshKeys++;
        switch (dataset.tableName()) {
            case SourceDataset.ENTERPRISES -> set(dataset, row, "credit_code", population.unknownCreditCode(n));
            case SourceDataset.FINANCE -> {
                // An existing enterprise that files no finance rows, in a year it has none.
                while (true) {
                    int i = random.nextInt(population.count);
                    String year = String.valueOf(random.nextInt(population.startYear(), population.endYear() + 1));
                    if (!population.filesFinance(i) && usedFinanceKeys.add(i + "/" + year)) {
                        set(dataset, row, "credit_code", population.creditCode(i));
                        set(dataset, row, "year", year);
                        return;
                    }
                }
            }
            case SourceDataset.REGION_ECONOMY -> {
                set(dataset, row, "county_code", population.counties.get(n % population.counties.size()).code());
                set(dataset, row, "year", String.valueOf(population.startYear() - 1 - n / population.counties.size()));
            }
            default -> {
                String keyColumn = dataset.keyColumns().get(0);
                set(dataset, row, keyColumn, get(dataset, row, keyColumn) + "-D" + n);
            }
        }
    }

    private static void changeContent(SourceDataset dataset, String[] row)
    {
        switch (dataset.tableName()) {
            case SourceDataset.ENTERPRISES -> set(dataset, row, "name", get(dataset, row, "name") + "（分公司）");
            case SourceDataset.FINANCE -> set(dataset, row, "patents", String.valueOf(parseOrZero(get(dataset, row, "patents")) + 1));
            case SourceDataset.BRANDS, SourceDataset.STANDARDS -> set(dataset, row, "product", get(dataset, row, "product") + "系列");
            case SourceDataset.INSPECTIONS -> set(dataset, row, "producer_name", get(dataset, row, "producer_name") + "（复检）");
            case SourceDataset.CASES -> set(dataset, row, "fine", Amounts.format(parseOrZero(get(dataset, row, "fine")) + 100));
            case SourceDataset.REGION_ECONOMY -> set(dataset, row, "townships", String.valueOf(parseOrZero(get(dataset, row, "townships")) + 1));
            default -> {
                // Another dataset: the first free text or amount column that is not part of the key changes.
                Column changed = dataset.columns().stream().filter(column -> !dataset.keyColumns().contains(column.name()) && column.allowedValues().isEmpty()
                        && column.kind() == Column.Kind.NONE && column.required() && dataset.references().stream().noneMatch(reference -> reference.column().equals(column.name()))
                        && List.of(ColumnType.TEXT, ColumnType.CODE, ColumnType.DECIMAL, ColumnType.INTEGER).contains(column.type()))
                        .findFirst().orElse(null);
                if (changed != null) {
                    String value = get(dataset, row, changed.name());
                    set(dataset, row, changed.name(), changed.type() == ColumnType.TEXT ? value + "（更正）" : changed.type() == ColumnType.CODE ? value + "-1"
                            : String.valueOf(parseOrZero(value) + 1));
                    return;
                }
                // Else a closed list's next value.
                dataset.columns().stream().filter(column -> !dataset.keyColumns().contains(column.name()) && column.allowedValues().size() > 1).findFirst().ifPresent(column -> {
                    List<String> values = column.allowedValues();
                    set(dataset, row, column.name(), values.get((values.indexOf(get(dataset, row, column.name())) + 1) % values.size()));
                });
            }
        }
    }

    private static long parseOrZero(String text)
    {
        try {
            return (long) Double.parseDouble(text);
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String dateColumn(SourceDataset dataset)
    {
        return switch (dataset.tableName()) {
            case SourceDataset.ENTERPRISES -> "established";
            case SourceDataset.BRANDS -> "certified_on";
            case SourceDataset.STANDARDS -> "effective_on";
            case SourceDataset.INSPECTIONS -> "sampled_on";
            case SourceDataset.CASES -> "opened_on";
            default -> throw new IllegalArgumentException("no date column in " + dataset);
        };
    }

    private static String key(SourceDataset dataset, String[] row)
    {
        List<String> parts = new ArrayList<>();
        for (String column : dataset.keyColumns()) {
            int index = dataset.columnIndex(column);
            parts.add(index < row.length ? row[index] : "");
        }
        return String.join("/", parts);
    }

    private static String[] append(String[] row, String value)
    {
        String[] longer = Arrays.copyOf(row, row.length + 1);
        longer[row.length] = value;
        return longer;
    }

    private static String get(SourceDataset dataset, String[] row, String column)
    {
        String value = row[dataset.columnIndex(column)];
        return value == null ? "" : value;
    }

    private static void set(SourceDataset dataset, String[] row, String column, String value)
    {
        row[dataset.columnIndex(column)] = value;
    }
}
