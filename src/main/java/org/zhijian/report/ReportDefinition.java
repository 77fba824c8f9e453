package org.zhijian.report;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.zhijian.config.ConfigException;
import org.zhijian.config.YamlFiles;
import org.zhijian.indicators.IndicatorCatalogue;

import static java.util.Objects.requireNonNullElse;

/**
 * A report definition (reports/*.yaml): the workbook's sheets in order, and in each sheet the
 * blocks — a SQL query over the lake's tables, the columns it shows with headers and formats, and
 * the chart drawn beside it. A new section is a new entry here; no code. Loaded strictly and
 * checked whole, so a typo fails with the file, section and block before any query runs.
 */
public record ReportDefinition(
        @JsonProperty("title") IndicatorCatalogue.Text title,
        @JsonProperty("sections") List<Section> sections)
{
    /** Section layouts drawn by code rather than by blocks. */
    public static final Set<String> BUILTINS = Set.of("summary", "notes");
    public static final Set<String> FORMATS = Set.of("text", "percent", "count", "decimal", "decimal2", "points", "change", "rank", "status", "severity");

    /** The chart kinds a block may draw, by the name the definition gives them. */
    public enum ChartType
    {
        BAR, HBAR, LINE, STACKED, STACKED_HBAR, RANK_INTERVAL, FAN, TILE_MAP;

        public String id()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean horizontal()
        {
            return this == HBAR || this == STACKED_HBAR;
        }

        static java.util.Optional<ChartType> of(String id)
        {
            return java.util.Arrays.stream(values()).filter(type -> type.id().equals(id)).findFirst();
        }

        static java.util.SortedSet<String> ids()
        {
            return java.util.Arrays.stream(values()).map(ChartType::id).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    public ReportDefinition
    {
        sections = List.copyOf(requireNonNullElse(sections, List.of()));
    }

    public record Section(
            @JsonProperty("id") String id,
            @JsonProperty("sheet") IndicatorCatalogue.Text sheet,
            @JsonProperty("builtin") String builtin,
            @JsonProperty("blocks") List<Block> blocks,
            @JsonProperty("methods") List<Method> methods)
    {
        public Section
        {
            blocks = List.copyOf(requireNonNullElse(blocks, List.of()));
            methods = List.copyOf(requireNonNullElse(methods, List.of()));
        }
    }

    /** A method the method notes explain beside the indicators' definitions (how warnings are raised, how forecasts are made). */
    public record Method(
            @JsonProperty("id") String id,
            @JsonProperty("name") IndicatorCatalogue.Text name,
            @JsonProperty("text") IndicatorCatalogue.Text text) {}

    /**
     * A titled table from one query, with an optional chart of its rows. {@code empty} is what
     * the table says when the query returns no rows.
     */
    public record Block(
            @JsonProperty("id") String id,
            @JsonProperty("title") IndicatorCatalogue.Text title,
            @JsonProperty("sql") String sql,
            @JsonProperty("columns") List<Column> columns,
            @JsonProperty("chart") Chart chart,
            @JsonProperty("empty") IndicatorCatalogue.Text empty,
            @JsonProperty("note") IndicatorCatalogue.Text note)
    {
        public Block
        {
            columns = List.copyOf(requireNonNullElse(columns, List.of()));
        }

        public Column column(String name)
        {
            return columns.stream().filter(column -> column.name().equals(name)).findFirst().orElseThrow();
        }
    }

    /**
     * One shown column: the query's column name, its header, its format and width (characters);
     * {@code labels} translates coded values (red → 红 / Red).
     */
    public record Column(
            @JsonProperty("name") String name,
            @JsonProperty("header") IndicatorCatalogue.Text header,
            @JsonProperty("format") String format,
            @JsonProperty("width") Integer width,
            @JsonProperty("labels") Map<String, IndicatorCatalogue.Text> labels)
    {
        public Column
        {
            format = requireNonNullElse(format, "text");
            width = requireNonNullElse(width, format.equals("text") ? 14 : 11);
            labels = Map.copyOf(requireNonNullElse(labels, Map.of()));
        }
    }

    /**
     * A chart of the block's rows: {@code x} is the category (or time) column, {@code y} the value
     * columns (one series each, named by their headers); {@code low} and {@code high} bound a
     * rank interval, or a fan's outer band, {@code inner} its inner band (low, high) — a fan's y
     * are the actual values and the median; {@code target} draws a catalogue indicator's target
     * ({@code line: target}) or its amber threshold ({@code line: threshold}) for the brief's period
     * ({@code target_for: period}) or for a year ({@code target_for: year}); {@code only} keeps the
     * rows whose columns have the given values; {@code sort} orders categories by the first y;
     * {@code limit} keeps the first categories after sorting; {@code colors} (#RRGGBB) colour the
     * series in order.
     */
    public record Chart(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("title") IndicatorCatalogue.Text title,
            @JsonProperty("x") String x,
            @JsonProperty("y") List<String> y,
            @JsonProperty("low") String low,
            @JsonProperty("high") String high,
            @JsonProperty("target") String target,
            @JsonProperty("target_for") String targetFor,
            @JsonProperty("only") Map<String, String> only,
            @JsonProperty("sort") String sort,
            @JsonProperty("limit") Integer limit,
            @JsonProperty("colors") List<String> colors,
            @JsonProperty("inner") List<String> inner,
            @JsonProperty("line") String line)
    {
        public Chart
        {
            inner = List.copyOf(requireNonNullElse(inner, List.of()));
            line = requireNonNullElse(line, "target");
            colors = List.copyOf(requireNonNullElse(colors, List.of()));
            targetFor = requireNonNullElse(targetFor, "period");
            y = List.copyOf(requireNonNullElse(y, List.of()));
            only = Map.copyOf(requireNonNullElse(only, Map.of()));
        }

        /** The chart's kind; {@link #load} refuses a definition whose type is none. */
        public ChartType kind()
        {
            return ChartType.of(type).orElseThrow(() -> new IllegalStateException("chart " + id + " has an unknown type " + type));
        }
    }

    public static ReportDefinition load(Path file, IndicatorCatalogue catalogue)
    {
        ReportDefinition definition = YamlFiles.read(file, ReportDefinition.class);
        if (definition == null || definition.title() == null || definition.sections().isEmpty()) {
            throw new ConfigException(file + ": needs a title (zh, en) and at least one section");
        }
        Set<String> ids = new HashSet<>();
        Set<String> charts = new HashSet<>();
        for (Section section : definition.sections()) {
            String where = file + ": section " + section.id();
            if (section.id() == null || !ids.add(section.id())) {
                throw new ConfigException(file + ": every section needs an id of its own (" + section.id() + ")");
            }
            if (section.sheet() == null) {
                throw new ConfigException(where + ": needs a sheet name (zh, en)");
            }
            for (String name : List.of(section.sheet().zh(), section.sheet().en())) {
                if (name.length() > 31 || name.matches(".*[\\\\/?*\\[\\]:].*")) {
                    throw new ConfigException(where + ": sheet name '" + name + "' must have at most 31 characters and none of \\ / ? * [ ] :");
                }
            }
            if (section.builtin() != null && !BUILTINS.contains(section.builtin())) {
                throw new ConfigException(where + ": builtin must be one of " + new java.util.TreeSet<>(BUILTINS) + ", not " + section.builtin());
            }
            if ((section.builtin() == null) == section.blocks().isEmpty()) {
                throw new ConfigException(where + ": give either builtin or blocks");
            }
            if (!section.methods().isEmpty() && !"notes".equals(section.builtin())) {
                throw new ConfigException(where + ": methods belong to the section with builtin: notes");
            }
            for (Method method : section.methods()) {
                if (method.id() == null || method.name() == null || method.text() == null) {
                    throw new ConfigException(where + ": every method needs id, name and text");
                }
            }
            for (Block block : section.blocks()) {
                check(where + " block " + block.id(), block, catalogue, charts);
            }
        }
        return definition;
    }


    /** Every placeholder of a text is a known one, so a typo fails on loading, before Spark starts. */
    private static void placeholders(String where, String text, java.util.regex.Pattern pattern, Set<String> known)
    {
        java.util.regex.Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (!known.contains(matcher.group(1))) {
                throw new ConfigException(where + ": unknown placeholder " + matcher.group() + " (known: " + known.stream().sorted().toList() + ")");
            }
        }
    }

    private static void check(String where, Block block, IndicatorCatalogue catalogue, Set<String> charts)
    {
        if (block.id() == null || block.title() == null || block.sql() == null || block.sql().isBlank() || block.columns().isEmpty()) {
            throw new ConfigException(where + ": a block needs id, title, sql and columns");
        }
        placeholders(where + " sql", block.sql(), ReportPeriod.SQL_PLACEHOLDER, ReportPeriod.SQL_PLACEHOLDERS);
        for (IndicatorCatalogue.Text text : java.util.Arrays.asList(block.title(), block.note(), block.empty(), block.chart() == null ? null : block.chart().title())) {
            if (text != null) {
                placeholders(where, text.zh() + " " + text.en(), ReportPeriod.TEXT_PLACEHOLDER, ReportPeriod.TEXT_PLACEHOLDERS);
            }
        }
        Set<String> names = new HashSet<>();
        for (Column column : block.columns()) {
            if (column.name() == null || column.header() == null || !names.add(column.name())) {
                throw new ConfigException(where + ": every column needs a name of its own and a header (" + column.name() + ")");
            }
            if (!FORMATS.contains(column.format())) {
                throw new ConfigException(where + " column " + column.name() + ": format must be one of " + new java.util.TreeSet<>(FORMATS) + ", not " + column.format());
            }
        }
        Chart chart = block.chart();
        if (chart == null) {
            return;
        }
        if (chart.id() == null || !chart.id().matches("[a-z0-9_]+") || !charts.add(chart.id())) {
            throw new ConfigException(where + ": a chart needs an id of its own made of a-z, 0-9 and _ (it names the chart files): " + chart.id());
        }
        if (ChartType.of(chart.type()).isEmpty()) {
            throw new ConfigException(where + " chart " + chart.id() + ": type must be one of " + ChartType.ids() + ", not " + chart.type());
        }
        if (chart.title() == null || chart.x() == null || chart.y().isEmpty()) {
            throw new ConfigException(where + " chart " + chart.id() + ": needs title, x and y");
        }
        for (String column : chart.y()) {
            if (!names.contains(column)) {
                throw new ConfigException(where + " chart " + chart.id() + ": y column " + column + " is not one of the block's columns " + names);
            }
        }
        if (chart.kind() == ChartType.RANK_INTERVAL && (chart.low() == null || chart.high() == null || chart.y().size() != 1)) {
            throw new ConfigException(where + " chart " + chart.id() + ": rank_interval needs one y (the rank), low and high");
        }
        if (chart.kind() == ChartType.FAN && (chart.low() == null || chart.high() == null || chart.y().size() != 2 || chart.inner().size() != 2)) {
            throw new ConfigException(where + " chart " + chart.id() + ": fan needs y (the actual values, the median), low and high (the outer band) and inner (the inner band's low and high)");
        }
        if (chart.kind() == ChartType.TILE_MAP && chart.y().size() != 1) {
            throw new ConfigException(where + " chart " + chart.id() + ": tile_map needs x (the query's column of county codes) and one y (the value that colours a county)");
        }
        for (String column : chart.inner()) {
            if (!names.contains(column)) {
                throw new ConfigException(where + " chart " + chart.id() + ": inner column " + column + " is not one of the block's columns " + names);
            }
        }
        if (!chart.line().equals("target") && !chart.line().equals("threshold")) {
            throw new ConfigException(where + " chart " + chart.id() + ": line must be target or threshold, not " + chart.line());
        }
        if (chart.target() != null && catalogue.indicator(chart.target()).isEmpty()) {
            throw new ConfigException(where + " chart " + chart.id() + ": target names no indicator of the catalogue: " + chart.target());
        }
        for (String color : chart.colors()) {
            if (!color.matches("#[0-9A-Fa-f]{6}")) {
                throw new ConfigException(where + " chart " + chart.id() + ": colours are #RRGGBB, not " + color);
            }
        }
        if (chart.limit() != null && chart.limit() < 1) {
            throw new ConfigException(where + " chart " + chart.id() + ": limit must be at least 1");
        }
        if (chart.low() != null && !names.contains(chart.low()) || chart.high() != null && !names.contains(chart.high())) {
            throw new ConfigException(where + " chart " + chart.id() + ": low and high must be columns of the block " + names);
        }
        if (!chart.targetFor().equals("period") && !chart.targetFor().equals("year")) {
            throw new ConfigException(where + " chart " + chart.id() + ": target_for must be period or year, not " + chart.targetFor());
        }
        if (chart.sort() != null && !chart.sort().equals("ascending") && !chart.sort().equals("descending")) {
            throw new ConfigException(where + " chart " + chart.id() + ": sort must be ascending or descending, not " + chart.sort());
        }
    }
}
