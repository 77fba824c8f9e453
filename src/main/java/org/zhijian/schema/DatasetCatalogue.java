package org.zhijian.schema;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.zhijian.config.ConfigException;
import org.zhijian.config.YamlNodes;
import org.zhijian.io.CsvReader;
import org.zhijian.io.CsvRecord;

/**
 * The raw datasets, one file each in conf/datasets ({@code <name>.yaml}), read strictly: an
 * unknown type, a duplicate column, a key that is not a column, a rule or reference on a missing
 * column is refused with the file, the line, the key and what would be valid.
 */
public final class DatasetCatalogue
        implements Serializable
{
    private static final long serialVersionUID = 1L;

    /** The datasets the pipeline's own logic reads; every catalogue has them. */
    public static final List<String> BUILT_IN = List.of(SourceDataset.ENTERPRISES, SourceDataset.FINANCE, SourceDataset.BRANDS, SourceDataset.STANDARDS,
            SourceDataset.INSPECTIONS, SourceDataset.FAILED_BATCHES, SourceDataset.ENTERPRISE_LISTS, SourceDataset.CASES, SourceDataset.REGION_ECONOMY);

    /** The columns of built-in datasets that zhijian's Java reads by name (RowValidator, RowCompletion, ProducerResolver, EnterpriseLists). */
    private static final Map<String, List<String>> OWN_COLUMNS = Map.of(
            SourceDataset.ENTERPRISES, List.of("credit_code", "name", "county_code", "industry_code", "above_scale", "high_tech", "address", "former_names", "parent_code"),
            SourceDataset.INSPECTIONS, List.of("credit_code", "producer_name", "county_code", "producer_address", "match", "in_province"),
            SourceDataset.FAILED_BATCHES, List.of("credit_code", "producer_name", "county_code", "producer_address", "match"),
            SourceDataset.ENTERPRISE_LISTS, List.of("list", "credit_code", "name", "match"));

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern RULE_ID = Pattern.compile("[a-z]+\\.[a-z0-9_]+");
    private static final Pattern COMPARISON = Pattern.compile("([a-z][a-z0-9_]*)\\s*(<=|>=|!=|<|>|=)\\s*([a-z][a-z0-9_]*)");
    private static final Pattern CONDITION = Pattern.compile("([a-z][a-z0-9_]*)\\s+(in|not in)\\s*\\[(.*)]|([a-z][a-z0-9_]*)\\s+is\\s+(empty|not empty)");
    private static final Set<String> DATASET_KEYS = Set.of("zh", "en", "order", "key", "partition_year", "columns", "rules", "references");
    private static final Set<String> COLUMN_KEYS = Set.of("name", "zh", "type", "unit", "kind", "required", "personal", "values", "values_file", "future", "aliases", "description");
    private static final Set<String> RULE_KEYS = Set.of("id", "check", "require", "when", "message");
    private static final Set<String> REFERENCE_KEYS = Set.of("column", "dataset", "key", "rule", "message");
    /** Columns every staged table has or derives; a dataset cannot name its own so. */
    private static final Set<String> RESERVED = Set.of("city_code", "county_code_original", "industry_section", "industry_division", "standard_kind",
            "source_file", "source_line", "run_id");

    private final Map<String, SourceDataset> datasets;

    private DatasetCatalogue(List<SourceDataset> datasets)
    {
        Map<String, SourceDataset> byName = new java.util.LinkedHashMap<>();
        datasets.stream().sorted().forEach(dataset -> byName.put(dataset.tableName(), dataset));
        this.datasets = java.util.Collections.unmodifiableMap(byName);
    }

    /** Every dataset, in order. */
    public List<SourceDataset> all()
    {
        return List.copyOf(datasets.values());
    }

    public Optional<SourceDataset> find(String name)
    {
        return Optional.ofNullable(datasets.get(name));
    }

    /** A dataset the catalogue has; the built-in ones always are. */
    public SourceDataset get(String name)
    {
        SourceDataset dataset = datasets.get(name);
        if (dataset == null) {
            throw new IllegalArgumentException("no dataset " + name + " in conf/datasets");
        }
        return dataset;
    }

    public List<String> names()
    {
        return List.copyOf(datasets.keySet());
    }

    /**
     * The dataset a raw file belongs to, known by its base name: enterprises.csv, brands.xlsx,
     * or a delivery named after it such as inspections_2025Q3.csv or 监督抽查-2025.csv.
     */
    public Optional<SourceDataset> forFileName(String fileName)
    {
        String base = fileName.toLowerCase(Locale.ROOT);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String name = base;
        // The longest name first: equipment_inspections_2025.csv is not equipment's.
        return datasets.values().stream()
                .filter(dataset -> namedAfter(name, dataset.tableName()) || namedAfter(name, dataset.chineseName()))
                .max(java.util.Comparator.comparingInt(dataset -> namedAfter(name, dataset.tableName()) ? dataset.tableName().length() : dataset.chineseName().length()));
    }

    private static boolean namedAfter(String base, String datasetName)
    {
        if (!base.startsWith(datasetName)) {
            return false;
        }
        if (base.length() == datasetName.length()) {
            return true;
        }
        char next = base.charAt(datasetName.length());
        return next == '_' || next == '-' || next == ' ' || next == '.' || Character.isDigit(next);
    }

    /** Reads {@code confDirectory/datasets/*.yaml}; a list file ({@code values_file}) is read relative to {@code confDirectory}. */
    public static DatasetCatalogue load(Path confDirectory)
    {
        Path directory = confDirectory.resolve("datasets");
        List<Path> files = YamlNodes.filesIn(directory, "one file per dataset, <name>.yaml");
        List<SourceDataset> datasets = new ArrayList<>();
        Map<String, YamlNodes.Value> referencesAt = new HashMap<>();
        for (Path file : files) {
            datasets.add(dataset(file, confDirectory, referencesAt));
        }
        Map<String, SourceDataset> byName = new TreeMap<>();
        datasets.forEach(dataset -> byName.put(dataset.tableName(), dataset));
        List<String> missing = BUILT_IN.stream().filter(name -> !byName.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new ConfigException(directory + ": the datasets zhijian's own steps read are missing: " + String.join(", ", missing));
        }
        // The columns zhijian's own steps read by name (producer resolution, the lists' flags) must stay.
        for (Map.Entry<String, List<String>> needed : OWN_COLUMNS.entrySet()) {
            SourceDataset dataset = byName.get(needed.getKey());
            List<String> gone = needed.getValue().stream().filter(column -> !dataset.hasColumn(column)).toList();
            if (!gone.isEmpty()) {
                throw new ConfigException(directory.resolve(needed.getKey() + ".yaml") + ": zhijian's own steps read the columns " + String.join(", ", gone)
                        + "; keep them (mark them optional if the files do not have them)");
            }
        }
        for (SourceDataset dataset : datasets) {
            for (int i = 0; i < dataset.references().size(); i++) {
                Reference reference = dataset.references().get(i);
                YamlNodes.Value at = referencesAt.get(dataset.tableName() + "#" + i);
                SourceDataset target = byName.get(reference.dataset());
                if (target == null) {
                    throw at.error("unknown dataset '" + reference.dataset() + "' (known: " + String.join(", ", byName.keySet()) + ")");
                }
                if (!target.hasColumn(reference.key())) {
                    throw at.error("dataset " + target.tableName() + " has no column '" + reference.key() + "' (it has " + String.join(", ", target.columnNames()) + ")");
                }
            }
        }
        cycles(byName, directory);
        return new DatasetCatalogue(datasets);
    }

    /** References must not go round: a dataset's rows are checked after those of every dataset it names. */
    private static void cycles(Map<String, SourceDataset> byName, Path directory)
    {
        for (SourceDataset start : byName.values()) {
            List<String> path = new ArrayList<>();
            if (reaches(start.tableName(), start, byName, path, new java.util.HashSet<>())) {
                throw new ConfigException(directory + ": references go round: " + start.tableName() + " -> " + String.join(" -> ", path));
            }
        }
    }

    private static boolean reaches(String goal, SourceDataset from, Map<String, SourceDataset> byName, List<String> path, Set<String> seen)
    {
        for (Reference reference : from.references()) {
            path.add(reference.dataset());
            if (reference.dataset().equals(goal)) {
                return true;
            }
            if (seen.add(reference.dataset()) && reaches(goal, byName.get(reference.dataset()), byName, path, seen)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private static SourceDataset dataset(Path file, Path confDirectory, Map<String, YamlNodes.Value> referencesAt)
    {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".yaml".length());
        YamlNodes.Mapping root = YamlNodes.load(file);
        if (!NAME.matcher(name).matches()) {
            throw root.self().error("a dataset's file is named <name>.yaml with a name of lower-case letters, digits and _, not '" + fileName + "'");
        }
        root.done(DATASET_KEYS);
        String zh = root.required("zh").text();
        String en = root.required("en").text();
        int order = root.optional("order").map(value -> (int) value.integer()).orElse(1000);
        List<Column> columns = new ArrayList<>();
        Map<String, String> aliasOwner = new HashMap<>();
        for (YamlNodes.Value item : root.required("columns").sequence()) {
            Column column = column(item, confDirectory);
            if (columns.stream().anyMatch(other -> other.name().equals(column.name()))) {
                throw item.error("column '" + column.name() + "' appears twice");
            }
            for (String alias : column.aliases()) {
                String other = aliasOwner.put(alias, column.name());
                if (other != null) {
                    throw item.error("alias '" + alias + "' names both " + other + " and " + column.name());
                }
            }
            columns.add(column);
        }
        if (columns.isEmpty()) {
            throw root.required("columns").error("a dataset needs at least one column");
        }
        List<String> names = columns.stream().map(Column::name).toList();
        for (Column.Kind kind : List.of(Column.Kind.COUNTY, Column.Kind.INDUSTRY, Column.Kind.STANDARD_NO)) {
            if (columns.stream().filter(column -> column.kind() == kind).count() > 1) {
                throw root.required("columns").error("only one column may be of kind " + kind.name().toLowerCase(Locale.ROOT) + " (its derived columns have fixed names)");
            }
        }
        YamlNodes.Value keyValue = root.required("key");
        List<String> key = keyValue.sequence().stream().map(YamlNodes.Value::text).toList();
        for (String column : key) {
            known(keyValue, column, names, "key");
        }
        if (key.isEmpty()) {
            throw keyValue.error("a key needs at least one column");
        }
        String partitionYear = null;
        Optional<YamlNodes.Value> partition = root.optional("partition_year");
        if (partition.isPresent()) {
            partitionYear = partition.get().text();
            known(partition.get(), partitionYear, names, "partition_year");
            ColumnType type = columns.get(names.indexOf(partitionYear)).type();
            if (type != ColumnType.DATE && !(type == ColumnType.YEAR && partitionYear.equals("year"))) {
                throw partition.get().error("partition_year names a date column (its year is derived) or the dataset's own year column 'year', not " + partitionYear + " (" + type.word() + ")");
            }
            if (type == ColumnType.DATE && names.contains("year")) {
                throw partition.get().error("the year derived from " + partitionYear + " would be named 'year', which the dataset has already");
            }
        }
        List<RowRule> rules = new ArrayList<>();
        for (YamlNodes.Value item : root.optional("rules").map(YamlNodes.Value::sequence).orElse(List.of())) {
            RowRule rule = rule(item, columns);
            if (rules.stream().anyMatch(other -> other.id().equals(rule.id()))) {
                throw item.error("rule id '" + rule.id() + "' appears twice");
            }
            rules.add(rule);
        }
        List<Reference> references = new ArrayList<>();
        List<YamlNodes.Value> referenceItems = root.optional("references").map(YamlNodes.Value::sequence).orElse(List.of());
        for (YamlNodes.Value item : referenceItems) {
            YamlNodes.Mapping mapping = item.mapping();
            mapping.done(REFERENCE_KEYS);
            String column = mapping.required("column").text();
            known(mapping.required("column"), column, names, "column");
            String target = mapping.required("dataset").text();
            String rule = mapping.required("rule").text();
            if (!rule.matches("ref\\.[a-z0-9_]+")) {
                throw mapping.required("rule").error("a reference's rule id is ref.<name>, such as ref.enterprise, not '" + rule + "'");
            }
            String message = mapping.required("message").text();
            if (!message.contains("{value}")) {
                throw mapping.required("message").error("a reference's message names the code with {value}");
            }
            referencesAt.put(name + "#" + references.size(), item);
            references.add(new Reference(column, target, mapping.optional("key").map(YamlNodes.Value::text).orElse(column), rule, message));
        }
        return new SourceDataset(name, zh, en, order, key, columns, partitionYear, rules, references);
    }

    private static Column column(YamlNodes.Value item, Path confDirectory)
    {
        YamlNodes.Mapping mapping = item.mapping();
        mapping.done(COLUMN_KEYS);
        YamlNodes.Value nameValue = mapping.required("name");
        String name = nameValue.text();
        if (!NAME.matcher(name).matches()) {
            throw nameValue.error("a column name is lower-case letters, digits and _, not '" + name + "'");
        }
        if (RESERVED.contains(name)) {
            throw nameValue.error("'" + name + "' is a column every staged table derives or carries; choose another name");
        }
        YamlNodes.Value typeValue = mapping.required("type");
        ColumnType type = ColumnType.forWord(typeValue.text()).orElseThrow(() -> typeValue.error("unknown type '" + typeValue.text() + "' (valid: "
                + String.join(", ", Arrays.stream(ColumnType.values()).map(ColumnType::word).toList()) + ")"));
        String unit = mapping.optional("unit").map(YamlNodes.Value::text).orElse("");
        if (!unit.isEmpty() && type != ColumnType.DECIMAL) {
            throw mapping.required("unit").error("only an amount has a unit");
        }
        Column.Kind kind = Column.Kind.NONE;
        Optional<YamlNodes.Value> kindValue = mapping.optional("kind");
        if (kindValue.isPresent()) {
            String word = kindValue.get().text();
            kind = Arrays.stream(Column.Kind.values()).filter(candidate -> candidate != Column.Kind.NONE && candidate.name().toLowerCase(Locale.ROOT).equals(word)).findFirst()
                    .orElseThrow(() -> kindValue.get().error("unknown kind '" + word + "' (valid: credit_code, county, industry, standard_no, category)"));
            ColumnType wanted = kind == Column.Kind.CATEGORY ? ColumnType.TEXT : ColumnType.CODE;
            if (type != wanted) {
                throw kindValue.get().error("a column of kind " + word + " has type " + wanted.word() + ", not " + type.word());
            }
        }
        List<String> values = new ArrayList<>();
        mapping.optional("values").ifPresent(list -> list.sequence().forEach(value -> values.add(value.text())));
        Optional<YamlNodes.Value> valuesFile = mapping.optional("values_file");
        if (valuesFile.isPresent()) {
            if (!values.isEmpty()) {
                throw valuesFile.get().error("give values or values_file, not both");
            }
            values.addAll(listFile(valuesFile.get(), confDirectory));
        }
        if (!values.isEmpty() && type != ColumnType.TEXT && type != ColumnType.CODE) {
            throw item.error("a list of values is for a text or code column, not " + type.word());
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw item.error("the list of values repeats a value");
        }
        boolean futureAllowed = false;
        Optional<YamlNodes.Value> future = mapping.optional("future");
        if (future.isPresent()) {
            if (!future.get().text().equals("allowed") || (type != ColumnType.DATE && type != ColumnType.YEAR)) {
                throw future.get().error("'future: allowed' is the one setting, and only for a date or year column");
            }
            futureAllowed = true;
        }
        List<String> aliases = new ArrayList<>();
        mapping.optional("aliases").ifPresent(list -> list.sequence().forEach(alias -> aliases.add(org.zhijian.reference.HeaderAliases.normalize(alias.text()))));
        boolean personal = flag(mapping, "personal");
        if (personal && type != ColumnType.TEXT) {
            throw mapping.required("personal").error("a personal column is text");
        }
        return new Column(name, mapping.required("zh").text(), type, flag(mapping, "required"), personal, values, unit,
                mapping.optional("description").map(YamlNodes.Value::text).orElse(""), kind, aliases, futureAllowed);
    }

    private static boolean flag(YamlNodes.Mapping mapping, String key)
    {
        Optional<YamlNodes.Value> value = mapping.optional(key);
        if (value.isEmpty()) {
            return false;
        }
        return switch (value.get().text()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw value.get().error("expected true or false, not '" + value.get().text() + "'");
        };
    }

    /** A closed list kept in a CSV file under conf (header first; the column {@code name}, else the first). */
    private static List<String> listFile(YamlNodes.Value value, Path confDirectory)
    {
        String relative = value.text();
        Path path = Path.of(relative);
        if (path.isAbsolute() || relative.contains("..") || !relative.endsWith(".csv")) {
            throw value.error("values_file is a .csv file under the conf directory, such as reference/licence_products.csv, not '" + relative + "'");
        }
        Path file = confDirectory.resolve(path);
        List<String> values = new ArrayList<>();
        try (CsvReader reader = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            if (!reader.hasNext()) {
                throw value.error(relative + " is empty");
            }
            int column = Math.max(0, reader.next().fields().indexOf("name"));
            while (reader.hasNext()) {
                CsvRecord record = reader.next();
                if (record.fields().size() > column && !record.fields().get(column).isBlank()) {
                    values.add(record.fields().get(column).strip());
                }
            }
        }
        catch (IOException e) {
            throw value.error("cannot read " + file + ": " + e.getMessage());
        }
        return values;
    }

    private static RowRule rule(YamlNodes.Value item, List<Column> columns)
    {
        YamlNodes.Mapping mapping = item.mapping();
        mapping.done(RULE_KEYS);
        String id = ruleId(mapping.required("id"));
        YamlNodes.Value messageValue = mapping.required("message");
        String message = messageValue.text();
        List<String> names = columns.stream().map(Column::name).toList();
        Matcher placeholders = RowRule.PLACEHOLDER.matcher(message);
        while (placeholders.find()) {
            known(messageValue, placeholders.group(1), names, "message placeholder");
        }
        Optional<YamlNodes.Value> check = mapping.optional("check");
        Optional<YamlNodes.Value> require = mapping.optional("require");
        if (check.isPresent() == require.isPresent()) {
            throw item.error("a rule is either 'check: COLUMN OP COLUMN' or 'require: COLUMN' with 'when: CONDITION'");
        }
        if (check.isPresent()) {
            if (mapping.optional("when").isPresent()) {
                throw mapping.required("when").error("'when' goes with 'require'");
            }
            Matcher matcher = COMPARISON.matcher(check.get().text().strip());
            if (!matcher.matches()) {
                throw check.get().error("expected COLUMN OP COLUMN with OP one of <, <=, >, >=, =, !=, not '" + check.get().text() + "'");
            }
            known(check.get(), matcher.group(1), names, "check");
            known(check.get(), matcher.group(3), names, "check");
            ColumnType left = columns.get(names.indexOf(matcher.group(1))).type();
            ColumnType right = columns.get(names.indexOf(matcher.group(3))).type();
            Set<ColumnType> ordered = Set.of(ColumnType.DECIMAL, ColumnType.INTEGER, ColumnType.YEAR, ColumnType.DATE);
            if (left != right || !ordered.contains(left)) {
                throw check.get().error("a check compares two amounts, integers, years or dates of one type, not " + left.word() + " with " + right.word());
            }
            RowRule.Op op = Arrays.stream(RowRule.Op.values()).filter(candidate -> candidate.symbol().equals(matcher.group(2))).findFirst().orElseThrow();
            return new RowRule.Comparison(id, matcher.group(1), op, matcher.group(3), message);
        }
        String column = require.get().text();
        known(require.get(), column, names, "require");
        YamlNodes.Value when = mapping.required("when");
        Matcher matcher = CONDITION.matcher(when.text().strip());
        if (!matcher.matches()) {
            throw when.error("expected 'COLUMN in [A, B]', 'COLUMN not in [A, B]', 'COLUMN is empty' or 'COLUMN is not empty', not '" + when.text() + "'");
        }
        if (matcher.group(1) != null) {
            known(when, matcher.group(1), names, "when");
            List<String> values = Arrays.stream(matcher.group(3).split(",")).map(String::strip).filter(value -> !value.isEmpty()).toList();
            if (values.isEmpty()) {
                throw when.error("the list in [] is empty");
            }
            return new RowRule.RequiredWhen(id, column, matcher.group(1), matcher.group(2).equals("in") ? RowRule.Test.IN : RowRule.Test.NOT_IN, values, message);
        }
        known(when, matcher.group(4), names, "when");
        return new RowRule.RequiredWhen(id, column, matcher.group(4), matcher.group(5).equals("empty") ? RowRule.Test.EMPTY : RowRule.Test.NOT_EMPTY, List.of(), message);
    }

    private static String ruleId(YamlNodes.Value value)
    {
        String id = value.text();
        if (!RULE_ID.matcher(id).matches()) {
            throw value.error("a rule id is a group and a name, such as rule.brand_sales_le_sales, not '" + id + "'");
        }
        if (Rule.forId(id).isPresent()) {
            throw value.error("'" + id + "' is one of zhijian's own rules; a dataset's rule needs an id of its own");
        }
        return id;
    }

    private static void known(YamlNodes.Value at, String column, List<String> names, String what)
    {
        if (!names.contains(column)) {
            throw at.error(what + " names '" + column + "', which is not a column (the columns: " + String.join(", ", names) + ")");
        }
    }
}
