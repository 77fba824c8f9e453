package org.zhijian.indicators;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.zhijian.config.ConfigException;
import org.zhijian.config.YamlNodes;

import static java.util.Objects.requireNonNull;

/**
 * The fact tables indicators are measured over, one file each in conf/facts
 * ({@code <id>.yaml}): a Spark SQL query over the staged tables ({@code staged.<dataset>}),
 * the reference views ({@code reference.categories}, …), the build's ratings
 * ({@code ratings.credit}) and shared views ({@code facts.<id>} of a {@code timing: view}
 * file); and how a period takes its rows: a flow counts the rows dated in the period
 * ({@code date}), a stock the rows that stand on the period's last day ({@code valid_from},
 * {@code valid_until}, {@code revoked_on}), a yearly fact the rows of the period's year
 * ({@code year}). {@link FactTables} runs the queries and checks what they return.
 */
public final class Facts
{
    // The facts zhijian's own steps read (credit ratings, breakdowns, warnings, scenario base years).
    public static final String INSPECTIONS = "inspections";
    public static final String BRAND_CERTIFICATIONS = "brand_certifications";
    public static final String BRANDS_VALID = "brands_valid";
    public static final String STANDARDS = "standards";
    public static final String STANDARDS_IN_FORCE = "standards_in_force";
    public static final String CASES = "cases";
    public static final String ENTERPRISES_ACTIVE = "enterprises_active";
    public static final String ENTERPRISE_FINANCE = "enterprise_finance";
    public static final String REGION_ECONOMY = "region_economy";
    public static final String CREDIT_RATINGS = "credit_ratings";

    /** The tables a fact may require, by layer: a required table missing from the lake leaves the fact out. */
    static final Set<String> LAYERS = Set.of("staged", "ratings");

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern FACT_REFERENCE = Pattern.compile("(?i)\\bfacts\\.`?([a-z][a-z0-9_]*)`?");
    private static final Set<String> KEYS = Set.of("timing", "description", "columns", "requires", "sql");

    /** How a period takes a fact's rows; a view is shared by other facts and measured by none. */
    public enum Timing
    {
        FLOW,
        STOCK,
        YEARLY,
        VIEW;

        /** The columns a fact of this timing must return besides the region (county_code, city_code). */
        public List<String> columns()
        {
            return switch (this) {
                case FLOW -> List.of("date");
                case STOCK -> List.of("valid_from", "valid_until", "revoked_on");
                case YEARLY -> List.of("year");
                case VIEW -> List.of();
            };
        }
    }

    /**
     * One fact of conf/facts.
     *
     * @param columns the columns indicators may use beyond the region and timing columns
     * @param requires the tables that must be in the lake for the fact to exist
     * @param reads the shared views ({@code facts.<id>}) the query reads
     * @param sqlLine the line of the file the query starts on, for errors
     */
    public record Fact(String id, Timing timing, String description, List<String> columns, List<String> requires, List<String> reads, String sql, Path file,
            int sqlLine)
    {
        public Fact
        {
            requireNonNull(id, "id is null");
            requireNonNull(timing, "timing is null");
            requireNonNull(description, "description is null");
            columns = List.copyOf(columns);
            requires = List.copyOf(requires);
            reads = List.copyOf(reads);
            requireNonNull(sql, "sql is null");
            requireNonNull(file, "file is null");
        }

        public boolean measurable()
        {
            return timing != Timing.VIEW;
        }

        /** An error about the query, at its first line: {@code file:line: fact id: message}. */
        public ConfigException error(String message)
        {
            return error(sqlLine, message);
        }

        /** An error at a line of the file. */
        public ConfigException error(int line, String message)
        {
            return new ConfigException(file + ":" + line + ": fact " + id + ": " + message);
        }
    }

    private final Map<String, Fact> facts;

    private Facts(List<Fact> facts)
    {
        Map<String, Fact> byId = new LinkedHashMap<>();
        facts.forEach(fact -> byId.put(fact.id(), fact));
        this.facts = java.util.Collections.unmodifiableMap(byId);
    }

    /** Every fact and view, each after the views it reads. */
    public List<Fact> all()
    {
        return List.copyOf(facts.values());
    }

    /** The facts indicators may be measured over. */
    public List<Fact> measurable()
    {
        return facts.values().stream().filter(Fact::measurable).toList();
    }

    public Optional<Fact> find(String id)
    {
        return Optional.ofNullable(facts.get(id));
    }

    /** A measurable fact, or the error naming those there are. */
    public Fact measurable(String id, String where)
    {
        Fact fact = facts.get(id);
        if (fact == null || !fact.measurable()) {
            throw new ConfigException(where + "unknown facts '" + id + "' (known: " + String.join(", ", measurable().stream().map(Fact::id).toList()) + ")");
        }
        return fact;
    }

    /** The facts of {@code confDirectory/facts/*.yaml}, read strictly. */
    public static Facts load(Path confDirectory)
    {
        Path directory = confDirectory.resolve("facts");
        List<Path> files = YamlNodes.filesIn(directory, "one file per fact table, <id>.yaml");
        Map<String, Fact> read = new LinkedHashMap<>();
        for (Path file : files) {
            Fact fact = fact(file);
            read.put(fact.id(), fact);
        }
        for (Fact fact : read.values()) {
            for (String view : fact.reads()) {
                Fact target = read.get(view);
                if (target == null || target.measurable()) {
                    throw fact.error("reads facts." + view + ", which is not a view of conf/facts (views: "
                            + String.join(", ", read.values().stream().filter(candidate -> !candidate.measurable()).map(Fact::id).toList()) + ")");
                }
            }
        }
        // Views before the facts that read them.
        List<Fact> ordered = new ArrayList<>();
        for (Fact fact : read.values()) {
            place(fact, read, ordered, new ArrayList<>());
        }
        for (String builtIn : List.of(INSPECTIONS, BRAND_CERTIFICATIONS, BRANDS_VALID, STANDARDS, STANDARDS_IN_FORCE, CASES, ENTERPRISES_ACTIVE, ENTERPRISE_FINANCE,
                REGION_ECONOMY, CREDIT_RATINGS)) {
            if (!read.containsKey(builtIn) || !read.get(builtIn).measurable()) {
                throw new ConfigException(directory + ": the fact " + builtIn + " that zhijian's own steps read is missing");
            }
        }
        return new Facts(ordered);
    }

    private static void place(Fact fact, Map<String, Fact> all, List<Fact> ordered, List<String> path)
    {
        if (ordered.contains(fact)) {
            return;
        }
        if (path.contains(fact.id())) {
            throw fact.error("views read each other in a circle: " + String.join(" -> ", path) + " -> " + fact.id());
        }
        path.add(fact.id());
        for (String view : fact.reads()) {
            place(all.get(view), all, ordered, path);
        }
        path.remove(path.size() - 1);
        ordered.add(fact);
    }

    private static Fact fact(Path file)
    {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".yaml".length());
        YamlNodes.Mapping root = YamlNodes.load(file);
        if (!ID.matcher(id).matches()) {
            throw root.self().error("a fact's file is named <id>.yaml with an id of lower-case letters, digits and _, not '" + name + "'");
        }
        root.done(KEYS);
        YamlNodes.Value timingValue = root.required("timing");
        Timing timing = Arrays.stream(Timing.values()).filter(candidate -> candidate.name().toLowerCase(Locale.ROOT).equals(timingValue.text())).findFirst()
                .orElseThrow(() -> timingValue.error("unknown timing '" + timingValue.text() + "' (valid: flow, stock, yearly, view)"));
        List<String> columns = root.optional("columns").map(value -> value.sequence().stream().map(YamlNodes.Value::text).toList()).orElse(List.of());
        if (timing != Timing.VIEW && columns.isEmpty()) {
            throw root.self().error("'columns' lists what indicators may count or sum over the fact (beyond county_code, city_code and " + String.join(", ", timing.columns()) + ")");
        }
        if (timing == Timing.VIEW && (!columns.isEmpty() || root.optional("requires").isPresent())) {
            throw root.self().error("a view has no columns or requires of its own; the facts that read it say what they need");
        }
        List<String> requires = new ArrayList<>();
        for (YamlNodes.Value value : root.optional("requires").map(YamlNodes.Value::sequence).orElse(List.of())) {
            String table = value.text();
            int dot = table.indexOf('.');
            if (dot < 0 || !LAYERS.contains(table.substring(0, dot))) {
                throw value.error("requires names lake tables such as staged.inspections or ratings.credit, not '" + table + "'");
            }
            requires.add(table);
        }
        if (timing != Timing.VIEW && requires.isEmpty()) {
            throw root.self().error("'requires' names the tables without which the fact does not exist, e.g. [staged.inspections]");
        }
        YamlNodes.Value sql = root.required("sql");
        List<String> reads = new ArrayList<>();
        Matcher matcher = FACT_REFERENCE.matcher(sql.text());
        while (matcher.find()) {
            if (!reads.contains(matcher.group(1).toLowerCase(Locale.ROOT))) {
                reads.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        // A block scalar starts on the line after its key.
        int line = sql.line() + (sql.node() instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar && scalar.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN
                && scalar.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.DOUBLE_QUOTED && scalar.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.SINGLE_QUOTED ? 1 : 0);
        return new Fact(id, timing, root.optional("description").map(YamlNodes.Value::text).orElse(""), columns, requires, reads, sql.text(), file, line);
    }
}
