package org.zhijian.generate;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.zhijian.io.CsvWriter;
import org.zhijian.reference.CreditCode;
import org.zhijian.schema.SourceDataset;
import org.zhijian.schema.Rule;

import static org.zhijian.schema.Rule.ADOPTION_NEEDS_REFERENCE;
import static org.zhijian.schema.Rule.BOOLEAN_FORMAT;
import static org.zhijian.schema.Rule.BRAND_SALES_EXCEED_SALES;
import static org.zhijian.schema.Rule.CATEGORY_UNKNOWN;
import static org.zhijian.schema.Rule.COLUMN_COUNT;
import static org.zhijian.schema.Rule.COUNTY_UNKNOWN;
import static org.zhijian.schema.Rule.CREDIT_CODE_CHECK;
import static org.zhijian.schema.Rule.CREDIT_CODE_FORMAT;
import static org.zhijian.schema.Rule.DATE_FORMAT;
import static org.zhijian.schema.Rule.DUPLICATE_KEY;
import static org.zhijian.schema.Rule.EXACT_DUPLICATE;
import static org.zhijian.schema.Rule.FUTURE_DATE;
import static org.zhijian.schema.Rule.HOLDER_REQUIRED;
import static org.zhijian.schema.Rule.INDUSTRY_UNKNOWN;
import static org.zhijian.schema.Rule.NEGATIVE_AMOUNT;
import static org.zhijian.schema.Rule.NOT_IN_LIST;
import static org.zhijian.schema.Rule.NUMBER_FORMAT;
import static org.zhijian.schema.Rule.PRODUCER_NAME_REQUIRED;
import static org.zhijian.schema.Rule.REQUIRED;
import static org.zhijian.schema.Rule.STANDARD_NUMBER;
import static org.zhijian.schema.Rule.UNKNOWN_ENTERPRISE;
import static org.zhijian.schema.Rule.VALIDITY_ORDER;

/**
 * Inserts realistic bad rows among the clean ones, each breaking one validation rule, and
 * records in a manifest (_injected.csv) where each went and which rule it breaks. Bad rows
 * get keys of their own (except the duplicates), so that no clean row is disturbed.
 */
final class DirtyRowInjector
{
    static final String MANIFEST_FILE = "_injected.csv";

    private static final Map<SourceDataset, List<Rule>> RULES = new EnumMap<>(Map.of(
            SourceDataset.ENTERPRISES, List.of(COLUMN_COUNT, DATE_FORMAT, BOOLEAN_FORMAT, REQUIRED, NOT_IN_LIST, CREDIT_CODE_FORMAT, CREDIT_CODE_CHECK, COUNTY_UNKNOWN, INDUSTRY_UNKNOWN, FUTURE_DATE, DUPLICATE_KEY, EXACT_DUPLICATE),
            SourceDataset.FINANCE, List.of(COLUMN_COUNT, NUMBER_FORMAT, NEGATIVE_AMOUNT, REQUIRED, BRAND_SALES_EXCEED_SALES, UNKNOWN_ENTERPRISE, CREDIT_CODE_FORMAT, DUPLICATE_KEY, EXACT_DUPLICATE),
            SourceDataset.BRANDS, List.of(COLUMN_COUNT, DATE_FORMAT, BOOLEAN_FORMAT, NOT_IN_LIST, VALIDITY_ORDER, HOLDER_REQUIRED, FUTURE_DATE, INDUSTRY_UNKNOWN, COUNTY_UNKNOWN, UNKNOWN_ENTERPRISE, DUPLICATE_KEY, EXACT_DUPLICATE),
            SourceDataset.STANDARDS, List.of(COLUMN_COUNT, STANDARD_NUMBER, ADOPTION_NEEDS_REFERENCE, NOT_IN_LIST, DATE_FORMAT, BOOLEAN_FORMAT, REQUIRED, UNKNOWN_ENTERPRISE, FUTURE_DATE, DUPLICATE_KEY, EXACT_DUPLICATE),
            SourceDataset.INSPECTIONS, List.of(COLUMN_COUNT, DATE_FORMAT, FUTURE_DATE, CATEGORY_UNKNOWN, NOT_IN_LIST, COUNTY_UNKNOWN, PRODUCER_NAME_REQUIRED, UNKNOWN_ENTERPRISE, CREDIT_CODE_CHECK, DUPLICATE_KEY, EXACT_DUPLICATE),
            SourceDataset.CASES, List.of(COLUMN_COUNT, NOT_IN_LIST, NUMBER_FORMAT, NEGATIVE_AMOUNT, DATE_FORMAT, COUNTY_UNKNOWN, UNKNOWN_ENTERPRISE, FUTURE_DATE, DUPLICATE_KEY, EXACT_DUPLICATE),
            SourceDataset.REGION_ECONOMY, List.of(COLUMN_COUNT, NUMBER_FORMAT, REQUIRED, NEGATIVE_AMOUNT, COUNTY_UNKNOWN, DUPLICATE_KEY, EXACT_DUPLICATE)));

    private static final String[] BAD_DATES = {"2021-13-45", "2019/2/30", "2020年13月1日", "去年三月", "2021.05.06", "N/A"};
    private static final String[] BAD_BOOLEANS = {"可能", "待定", "2", "-"};
    private static final String[] BAD_NUMBERS = {"12,3a4.5", "N/A", "一万二", "1.2.3"};
    private static final String[] BAD_COUNTIES = {"339999", "330371", "330101", "33078"};
    private static final String[] BAD_INDUSTRIES = {"99", "C99", "00", "Z1"};
    private static final String[] BAD_CATEGORIES = {"不明产品", "其它商品", "散装杂货"};
    private static final String[] BAD_STANDARD_NUMBERS = {"国标19001", "ABC 123-2019", "GB/X 1234-2019", "XYZ", "T/ 0123-2019"};
    private static final Map<SourceDataset, String[]> BAD_LIST_VALUES = Map.of(
            SourceDataset.ENTERPRISES, new String[] {"超大型", "特大型"},
            SourceDataset.BRANDS, new String[] {"省级名牌", "著名商标"},
            SourceDataset.STANDARDS, new String[] {"起草", "采用"},
            SourceDataset.INSPECTIONS, new String[] {"待定", "基本合格"},
            SourceDataset.CASES, new String[] {"违规经营", "未知"});

    private final double rate;
    private final long seed;
    private final EnterprisePopulation population;
    private final CsvWriter manifest;
    private final Map<SourceDataset, Integer> nextRule = new EnumMap<>(SourceDataset.class);
    private final Map<SourceDataset, RandomSource> randoms = new EnumMap<>(SourceDataset.class);
    private final Map<SourceDataset, Map<Rule, Integer>> counts = new EnumMap<>(SourceDataset.class);
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
        RandomSource random = randoms.computeIfAbsent(dataset, key -> new RandomSource(seed, 900 + key.ordinal()));
        if (rate <= 0 || !random.chance(rate)) {
            return;
        }
        List<Rule> rules = RULES.get(dataset);
        Rule rule;
        do {
            // A workbook has no column count to break; its turn passes to the next rule.
            rule = rules.get((nextRule.merge(dataset, 1, Integer::sum) - 1) % rules.size());
        }
        while (rule == COLUMN_COUNT && !sink.supportsRaggedRows());
        String[] bad = corrupt(dataset, rule, clean, random);
        long line = rule == COLUMN_COUNT ? sink.writeRaw(bad) : sink.write(bad);
        manifest.write(List.of(dataset.tableName(), sink.path().getFileName().toString(), String.valueOf(line), key(dataset, bad), rule.id()));
        counts.computeIfAbsent(dataset, ignored -> new TreeMap<>()).merge(rule, 1, Integer::sum);
    }

    Map<SourceDataset, Map<Rule, Integer>> counts()
    {
        return counts;
    }

    void close()
            throws IOException
    {
        manifest.close();
    }

    private String[] corrupt(SourceDataset dataset, Rule rule, String[] clean, RandomSource random)
    {
        String[] bad = clean.clone();
        if (rule == EXACT_DUPLICATE) {
            return bad;
        }
        if (rule == DUPLICATE_KEY) {
            changeContent(dataset, bad);
            return bad;
        }
        giveFreshKey(dataset, bad, random);
        switch (rule) {
            case COLUMN_COUNT -> bad = random.chance(0.5) ? Arrays.copyOf(bad, bad.length - 1) : append(bad, "备注");
            case DATE_FORMAT -> set(dataset, bad, dateColumn(dataset), random.pick(BAD_DATES));
            case BOOLEAN_FORMAT -> set(dataset, bad, switch (dataset) {
                case ENTERPRISES -> "above_scale";
                case BRANDS -> "own_ip";
                default -> "from_rnd";
            }, random.pick(BAD_BOOLEANS));
            case NUMBER_FORMAT -> set(dataset, bad, switch (dataset) {
                case FINANCE -> "sales_revenue";
                case CASES -> "fine";
                default -> "gdp";
            }, random.pick(BAD_NUMBERS));
            case REQUIRED -> set(dataset, bad, switch (dataset) {
                case ENTERPRISES -> "name";
                case FINANCE -> "sales_revenue";
                case STANDARDS -> "product";
                default -> "gdp";
            }, "");
            case NEGATIVE_AMOUNT -> set(dataset, bad, switch (dataset) {
                case FINANCE -> "rd_spend";
                case CASES -> "goods_value";
                default -> "population";
            }, "-" + (random.nextInt(1, 900) * 10));
            case NOT_IN_LIST -> set(dataset, bad, switch (dataset) {
                case ENTERPRISES -> "size";
                case BRANDS -> "level";
                case STANDARDS -> "role";
                case INSPECTIONS -> "result";
                default -> "violation";
            }, random.pick(BAD_LIST_VALUES.get(dataset)));
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
            case ADOPTION_NEEDS_REFERENCE -> {
                set(dataset, bad, "role", "执行");
                set(dataset, bad, "adoption", random.chance(0.5) ? "IDT" : "MOD");
                set(dataset, bad, "intl_ref", "");
            }
            case BRAND_SALES_EXCEED_SALES -> {
                double sales = Double.parseDouble(get(dataset, bad, "sales_revenue"));
                set(dataset, bad, "brand_sales", Amounts.format(sales * 1.3 + 10));
            }
            case VALIDITY_ORDER -> {
                LocalDate certified = LocalDate.parse(get(dataset, bad, "certified_on"));
                set(dataset, bad, "valid_until", certified.minusYears(1).toString());
                set(dataset, bad, "revoked_on", "");
            }
            case FUTURE_DATE -> {
                LocalDate future = LocalDate.of(population.endYear() + 2, 1 + random.nextInt(12), 1 + random.nextInt(28));
                set(dataset, bad, dateColumn(dataset), future.toString());
                if (dataset == SourceDataset.BRANDS) {
                    set(dataset, bad, "valid_until", future.plusYears(3).minusDays(1).toString());
                    set(dataset, bad, "revoked_on", "");
                }
                if (dataset == SourceDataset.CASES) {
                    set(dataset, bad, "closed_on", "");
                }
            }
            case PRODUCER_NAME_REQUIRED -> {
                set(dataset, bad, "credit_code", "");
                set(dataset, bad, "producer_name", "");
            }
            case UNKNOWN_ENTERPRISE -> set(dataset, bad, "credit_code", population.unknownCreditCode(5_000_000 + unknownEnterprises++));
            case HOLDER_REQUIRED -> {
                set(dataset, bad, "credit_code", "");
                if (get(dataset, bad, "level").equals("区域名牌")) {
                    set(dataset, bad, "level", "浙江名牌");
                }
            }
            default -> throw new IllegalStateException("no injection for " + rule);
        }
        return bad;
    }

    private void giveFreshKey(SourceDataset dataset, String[] row, RandomSource random)
    {
        int n = freshKeys++;
        switch (dataset) {
            case ENTERPRISES -> set(dataset, row, "credit_code", population.unknownCreditCode(n));
            case FINANCE -> {
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
            case REGION_ECONOMY -> {
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
        switch (dataset) {
            case ENTERPRISES -> set(dataset, row, "name", get(dataset, row, "name") + "（分公司）");
            case FINANCE -> set(dataset, row, "patents", String.valueOf(parseOrZero(get(dataset, row, "patents")) + 1));
            case BRANDS, STANDARDS -> set(dataset, row, "product", get(dataset, row, "product") + "系列");
            case INSPECTIONS -> set(dataset, row, "producer_name", get(dataset, row, "producer_name") + "（复检）");
            case CASES -> set(dataset, row, "fine", Amounts.format(parseOrZero(get(dataset, row, "fine")) + 100));
            case REGION_ECONOMY -> set(dataset, row, "townships", String.valueOf(parseOrZero(get(dataset, row, "townships")) + 1));
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
        return switch (dataset) {
            case ENTERPRISES -> "established";
            case BRANDS -> "certified_on";
            case STANDARDS -> "effective_on";
            case INSPECTIONS -> "sampled_on";
            case CASES -> "opened_on";
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
