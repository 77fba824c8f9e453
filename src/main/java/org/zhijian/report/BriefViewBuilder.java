package org.zhijian.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.zhijian.config.ConfigException;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.indicators.IndicatorEngine;
import org.zhijian.indicators.Periods;
import org.zhijian.reference.CountyTile;
import org.zhijian.reference.Division;
import org.zhijian.reference.ReferenceData;

import static java.util.Objects.requireNonNull;

/**
 * Builds the {@link BriefView} of a period: the headline rows with their formats and colours,
 * each block's cells and chart (rows kept, sorted and limited as its chart says), the notes.
 * Missing figures are dashes with a note, never zeros.
 */
final class BriefViewBuilder
{
    /** Text columns at least this wide wrap. */
    static final int WRAP_WIDTH = 40;

    private final BriefData data;
    private final ReportDefinition definition;
    private final String source;
    private final Map<String, ReportQueries.Table> tables;
    private final IndicatorCatalogue catalogue;
    private final BriefText text;
    private final ReferenceData reference;

    /** {@code source} names the report definition's file in messages about its blocks. */
    BriefViewBuilder(BriefData data, ReportDefinition definition, String source, Map<String, ReportQueries.Table> tables, IndicatorCatalogue catalogue,
            BriefText text, ReferenceData reference)
    {
        this.data = requireNonNull(data, "data is null");
        this.definition = requireNonNull(definition, "definition is null");
        this.source = requireNonNull(source, "source is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.text = requireNonNull(text, "text is null");
        this.reference = requireNonNull(reference, "reference is null");
    }

    BriefView build()
    {
        List<BriefView.Section> sections = new ArrayList<>();
        for (ReportDefinition.Section section : definition.sections()) {
            String name = text.of(section.sheet());
            sections.add(switch (section.builtin() == null ? "blocks" : section.builtin()) {
                case "summary" -> summary(section.id(), name);
                case "notes" -> notes(section.id(), name, section.methods());
                default -> blocks(section, name);
            });
        }
        return new BriefView(text.title(definition.title(), data.period()), sections);
    }

    private BriefView.Summary summary(String id, String name)
    {
        Map<String, Double> progress = new LinkedHashMap<>();
        Periods.Kind kind = data.period().kind();
        List<List<BriefView.Cell>> rows = headline(indicator -> indicator.reportedFor(kind), data.period().id(), progress);
        Optional<String> yearTitle = Optional.empty();
        List<List<BriefView.Cell>> yearRows = List.of();
        if (kind != Periods.Kind.YEAR) {
            Periods.Period year = Periods.year(data.periods().year());
            yearTitle = Optional.of(text.yearlyTitle(year));
            yearRows = headline(indicator -> !indicator.reportedFor(kind) && indicator.reportedFor(Periods.Kind.YEAR), year.id(), progress);
        }
        return new BriefView.Summary(id, name, text.title(definition.title(), data.period()), text.subtitle(data.snapshot()), List.of(text.summaryHeader()), rows,
                yearTitle, yearRows, text.highlightsTitle(), new BriefSentences(data, text).sentences(), text.missingNote(), progressChart(progress));
    }

    /**
     * How far each indicator with a target has come, as value ÷ target (target ÷ value where lower
     * is better), lowest first, against a 100% line.
     */
    private Optional<BriefView.Figure> progressChart(Map<String, Double> progress)
    {
        List<Map.Entry<String, Double>> shares = new ArrayList<>(progress.entrySet());
        if (shares.isEmpty()) {
            return Optional.empty();
        }
        shares.sort(Map.Entry.comparingByValue());
        List<String> names = shares.stream().map(Map.Entry::getKey).toList();
        List<Double> values = new ArrayList<>(shares.stream().map(Map.Entry::getValue).toList());
        return Optional.of(new BriefView.Figure("summary_target_progress", new Chart.Bars(text.progressTitle(data.period()), text.progressAxis(),
                Chart.Series.of(names, text.progressAxis(), values), true, Chart.Scale.PERCENT, Optional.of(new Chart.Target(1.0, text.targetLabel())), List.of())));
    }

    /** One row per indicator the filter keeps: its province value in the period, unit, target, status, 同比 and 环比. */
    private List<List<BriefView.Cell>> headline(Predicate<IndicatorCatalogue.Indicator> keep, String period, Map<String, Double> progress)
    {
        List<List<BriefView.Cell>> rows = new ArrayList<>();
        for (IndicatorCatalogue.Indicator indicator : catalogue.indicators()) {
            if (indicator.special() || !keep.test(indicator)) {
                continue;
            }
            Optional<BriefData.Value> value = data.value(indicator.id(), IndicatorEngine.PROVINCE, period);
            Double target = indicator.target(Periods.parse(period).kind());
            value.filter(known -> target != null && target > 0 && known.value() > 0).ifPresent(known -> progress.put(text.name(indicator),
                    indicator.higherIsBetter() ? known.value() / target : target / known.value()));
            String unit = indicator.unit();
            rows.add(List.of(
                    BriefView.Cell.text(text.name(indicator), null),
                    number(value.map(BriefData.Value::value).orElse(null), unit, false),
                    // A rate's value already shows its per cent sign.
                    BriefView.Cell.text(unit.equals("ratio") ? "" : text.unit(unit), null),
                    number(target, unit, false),
                    status(value.map(BriefData.Value::status).map(status -> TrafficLight.parse(status, "marts.indicator_values, status of " + indicator.id())).orElse(null)),
                    number(value.map(BriefData.Value::yoyChange).orElse(null), unit, true),
                    number(value.map(BriefData.Value::popChange).orElse(null), unit, true)));
        }
        return rows;
    }

    private BriefView.Notes notes(String id, String name, List<ReportDefinition.Method> methods)
    {
        List<BriefView.NoteRow> indicators = catalogue.indicators().stream()
                .map(indicator -> new BriefView.NoteRow(indicator.id(), text.name(indicator), text.definition(indicator), text.unit(indicator.unit()))).toList();
        List<BriefView.NoteRow> explained = methods.stream().map(method -> new BriefView.NoteRow(method.id(), text.of(method.name()), text.of(method.text()), "")).toList();
        return new BriefView.Notes(id, name, List.of(text.notesHeader()), indicators, List.of(text.methodsHeader()), explained);
    }

    /** Each column as wide as the widest of the section's blocks wants it. */
    private static List<Integer> widths(ReportDefinition.Section section)
    {
        int columns = section.blocks().stream().mapToInt(block -> block.columns().size()).max().orElse(1);
        int[] widths = new int[columns];
        for (ReportDefinition.Block block : section.blocks()) {
            for (int i = 0; i < block.columns().size(); i++) {
                widths[i] = Math.max(widths[i], block.columns().get(i).width());
            }
        }
        return Arrays.stream(widths).boxed().toList();
    }

    private BriefView.Blocks blocks(ReportDefinition.Section section, String name)
    {
        List<BriefView.Block> blocks = new ArrayList<>();
        for (ReportDefinition.Block block : section.blocks()) {
            blocks.add(block(section, block));
        }
        return new BriefView.Blocks(section.id(), name, text.title(section.sheet(), data.period()), widths(section), blocks);
    }

    private BriefView.Block block(ReportDefinition.Section section, ReportDefinition.Block block)
    {
        String where = "section " + section.id() + " block " + block.id();
        ReportQueries.Table table = tables.get(block.id());
        List<List<BriefView.Cell>> rows = new ArrayList<>();
        boolean missing = false;
        for (Object[] values : table.rows()) {
            List<BriefView.Cell> cells = new ArrayList<>();
            for (ReportDefinition.Column column : block.columns()) {
                Object value = values[table.index(column.name())];
                missing |= value == null;
                cells.add(cell(column, value, source + ": section " + section.id() + " block " + block.id() + " column " + column.name()));
            }
            rows.add(cells);
        }
        Optional<String> empty = table.rows().isEmpty()
                ? Optional.of(block.empty() == null ? text.noRows() : data.periods().fill(text.of(block.empty()), text, where))
                : Optional.empty();
        Optional<BriefView.Figure> chart = Optional.empty();
        Optional<String> noChart = Optional.empty();
        if (block.chart() != null) {
            chart = chart(block, table, where).map(drawn -> new BriefView.Figure(block.chart().id(), drawn));
            if (chart.isEmpty() && !table.rows().isEmpty()) {
                noChart = Optional.of(text.noChart());
            }
        }
        return new BriefView.Block(block.id(), data.periods().fill(text.of(block.title()), text, where),
                block.columns().stream().map(column -> text.of(column.header())).toList(), block.columns().stream().map(ReportDefinition.Column::width).toList(),
                rows, empty, missing ? Optional.of(text.missingNote()) : Optional.empty(),
                Optional.ofNullable(block.note()).map(note -> data.periods().fill(text.of(note), text, where)), chart, noChart);
    }

    /** The chart of a block's rows, or empty when none of its values is known. */
    private Optional<Chart> chart(ReportDefinition.Block block, ReportQueries.Table table, String where)
    {
        ReportDefinition.Chart spec = block.chart();
        List<Object[]> rows = new ArrayList<>();
        for (Object[] row : table.rows()) {
            if (spec.only().entrySet().stream().allMatch(filter -> filter.getValue().equals(String.valueOf(row[table.index(filter.getKey())])))) {
                rows.add(row);
            }
        }
        int first = table.index(spec.y().get(0));
        if (spec.sort() != null) {
            Comparator<Double> order = spec.sort().equals("descending") ? Comparator.reverseOrder() : Comparator.naturalOrder();
            rows.sort(Comparator.comparing(row -> (Double) row[first], Comparator.nullsLast(order)));
        }
        if (spec.limit() != null && rows.size() > spec.limit()) {
            rows = rows.subList(0, spec.limit());
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        boolean known = false;
        for (String y : spec.y()) {
            List<Double> values = column(rows, table, y);
            known |= values.stream().anyMatch(java.util.Objects::nonNull);
            series.put(text.of(block.column(y).header()), values);
        }
        if (!known) {
            return Optional.empty();
        }
        String format = block.column(spec.y().get(0)).format();
        Chart.Scale scale = new Chart.Scale(format.equals("percent"), switch (format) {
            case "percent" -> "0.0%";
            case "decimal" -> "#,##0.0";
            case "decimal2" -> "0.00";
            default -> "#,##0";
        });
        Optional<IndicatorCatalogue.Indicator> indicator = Optional.ofNullable(spec.target()).flatMap(catalogue::indicator);
        // A quarter's case rate is held to a quarter of the yearly target, as in the mart.
        Periods.Kind periodKind = spec.targetFor().equals("year") ? Periods.Kind.YEAR : data.period().kind();
        // Beside several series, the target line says whose it is.
        String targetLabel = spec.y().size() > 1 && indicator.isPresent() ? text.targetOf(text.name(indicator.get())) : text.targetLabel();
        boolean threshold = spec.line().equals("threshold");
        Optional<Chart.Target> target = indicator.map(candidate -> threshold
                ? Optional.ofNullable(candidate.thresholds(periodKind)).map(IndicatorCatalogue.Thresholds::amber).orElse(null)
                : candidate.target(periodKind)).map(value -> new Chart.Target(value, threshold ? text.thresholdLabel() : targetLabel));
        String title = data.periods().fill(text.of(spec.title()), text, where);
        String axis = spec.y().size() == 1 ? text.of(block.column(spec.y().get(0)).header()) : null;
        List<java.awt.Color> colors = spec.colors().stream().map(java.awt.Color::decode).toList();
        ReportDefinition.ChartType type = spec.kind();
        if (type == ReportDefinition.ChartType.TILE_MAP) {
            Optional<Double> good = indicator.map(candidate -> candidate.thresholds(periodKind)).map(IndicatorCatalogue.Thresholds::green);
            return Optional.of(tileMap(title, axis, rows, table, spec, scale, target, threshold ? good : Optional.empty(),
                    indicator.map(IndicatorCatalogue.Indicator::higherIsBetter).orElse(true), where));
        }
        ReportDefinition.Column x = block.column(spec.x());
        int xIndex = table.index(spec.x());
        List<String> categories = rows.stream().map(row -> display(x, row[xIndex])).toList();
        Chart.Series values = new Chart.Series(categories, series);
        return Optional.of(switch (type) {
            case BAR, HBAR -> new Chart.Bars(title, axis, values, type.horizontal(), scale, target, colors);
            case LINE -> new Chart.Line(title, axis, values, scale.percent(), target, colors);
            case STACKED, STACKED_HBAR -> new Chart.Stacked(title, axis, values, type.horizontal(), scale, target, colors);
            case RANK_INTERVAL -> new Chart.RankIntervals(title, text.rankAxis(), series.keySet().iterator().next(), text.intervalLabel(), categories,
                    series.values().iterator().next(), column(rows, table, spec.low()), column(rows, table, spec.high()));
            case FAN -> new Chart.Fan(title, null, scale.percent(), categories, column(rows, table, spec.low()), column(rows, table, spec.inner().get(0)),
                    column(rows, table, spec.y().get(1)), column(rows, table, spec.inner().get(1)), column(rows, table, spec.high()), column(rows, table, spec.y().get(0)), target,
                    text.forecastLabels());
            case TILE_MAP -> throw new IllegalStateException("drawn above");
        });
    }

    /**
     * Every county of the layout as a tile, coloured by the block's value for it ({@code x} names
     * the column of county codes); a county the query has no value for is a tile without one.
     */
    private Chart.TileMap tileMap(String title, String axis, List<Object[]> rows, ReportQueries.Table table, ReportDefinition.Chart spec, Chart.Scale scale,
            Optional<Chart.Target> threshold, Optional<Double> good, boolean higherIsBetter, String where)
    {
        if (!table.columns().contains(spec.x())) {
            throw new ConfigException(source + ": " + where + " chart " + spec.id() + ": the query has no column " + spec.x()
                    + " (a tile map's x is the column of county codes); it has " + table.columns());
        }
        Map<String, Double> values = new LinkedHashMap<>();
        int code = table.index(spec.x());
        int value = table.index(spec.y().get(0));
        for (Object[] row : rows) {
            if (row[code] != null && row[value] instanceof Double known) {
                values.put(String.valueOf(row[code]), known);
            }
        }
        Map<String, String> names = reference.divisions().names(text.chinese());
        List<Chart.Tile> tiles = new ArrayList<>();
        for (CountyTile tile : reference.tiles()) {
            Division county = reference.divisions().get(tile.countyCode());
            String city = county.parentCode().orElseThrow();
            tiles.add(new Chart.Tile(tile.countyCode(), Chart.Tile.shortName(county.name()), city, names.get(city), tile.row(), tile.column(), values.get(tile.countyCode())));
        }
        return new Chart.TileMap(title, axis, tiles, scale, threshold, good, higherIsBetter, text.noData());
    }

    /** Every text a brief's charts may draw, for the font check before drawing. */
    static List<String> labels(ReportDefinition definition, Map<String, ReportQueries.Table> tables, IndicatorCatalogue catalogue, BriefText text, ReferenceData reference)
    {
        Chart.FanLabels fan = text.forecastLabels();
        List<String> labels = new ArrayList<>(List.of(text.targetLabel(), text.thresholdLabel(), text.rankAxis(), text.intervalLabel(), text.progressAxis(),
                fan.outer(), fan.inner(), fan.median(), fan.actual(), "0123456789.%,-+—Q<≥"));
        catalogue.indicators().forEach(indicator -> labels.add(text.name(indicator)));
        labels.add(text.progressTitle(Periods.quarter(2000, 1)));
        for (ReportDefinition.Section section : definition.sections()) {
            for (ReportDefinition.Block block : section.blocks()) {
                if (block.chart() == null) {
                    continue;
                }
                labels.add(text.of(block.chart().title()));
                block.columns().forEach(column -> {
                    labels.add(text.of(column.header()));
                    column.labels().values().forEach(label -> labels.add(text.of(label)));
                });
                ReportQueries.Table table = tables.get(block.id());
                if (table.columns().contains(block.chart().x())) {
                    int x = table.index(block.chart().x());
                    table.rows().forEach(row -> labels.add(String.valueOf(row[x])));
                }
            }
        }
        for (int quarter = 1; quarter <= 4; quarter++) {
            labels.add(text.period(Periods.quarter(2000, quarter)));
        }
        reference.tiles().forEach(tile -> labels.add(Chart.Tile.shortName(reference.divisions().get(tile.countyCode()).name())));
        labels.add(text.noData());
        return labels;
    }

    private static List<Double> column(List<Object[]> rows, ReportQueries.Table table, String name)
    {
        int index = table.index(name);
        List<Double> values = new ArrayList<>();
        for (Object[] row : rows) {
            values.add(row[index] instanceof Double value ? value : null);
        }
        return values;
    }

    /** A value as the format shows it; a whole number such as a year without decimals, a coded value by its label. */
    private String display(ReportDefinition.Column column, Object value)
    {
        if (value == null) {
            return BriefView.Cell.MISSING;
        }
        String raw = value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e15 ? String.valueOf(number.longValue()) : value.toString();
        IndicatorCatalogue.Text label = column.labels().get(raw);
        return label == null ? raw : text.of(label);
    }

    /** One cell of a block's table; {@code where} names the block and column for a value the report cannot show. */
    private BriefView.Cell cell(ReportDefinition.Column column, Object value, String where)
    {
        switch (column.format()) {
            case "text" -> {
                // Long texts (evidence, reasons) wrap within their column rather than run across the page.
                return value == null ? BriefView.Cell.missing() : BriefView.Cell.text(display(column, value), column.width() >= WRAP_WIDTH ? "wrap" : "text");
            }
            case "status" -> {
                return status(value == null ? null : TrafficLight.parse(value.toString(), where));
            }
            case "severity" -> {
                TrafficLight severity = value == null ? null : TrafficLight.parse(value.toString(), where);
                return severity == null ? BriefView.Cell.missing() : BriefView.Cell.text(text.severity(severity), severity.style());
            }
            default -> {
                if (value != null && !(value instanceof Double)) {
                    return BriefView.Cell.text(value.toString(), null);
                }
                Double number = (Double) value;
                return switch (column.format()) {
                    case "percent" -> number(number, "ratio", false);
                    // The header says "percentage points": the cell shows +1.2, the summary's wider cells "+1.2 个百分点".
                    case "points" -> BriefView.Cell.number(number == null ? null : number * 100, "+0.0;-0.0;0.0");
                    case "count" -> number(number, "count", false);
                    case "change" -> number(number, "per_10k", true);
                    case "decimal2" -> BriefView.Cell.number(number, "0.00");
                    case "rank" -> BriefView.Cell.number(number, "0");
                    default -> BriefView.Cell.number(number, "#,##0.0");
                };
            }
        }
    }

    private BriefView.Cell status(TrafficLight status)
    {
        return status == null ? BriefView.Cell.missing() : BriefView.Cell.text(text.status(status), status.style());
    }

    /** A value of an indicator's unit: a rate as a per cent, its change in percentage points, a count whole. */
    private BriefView.Cell number(Double value, String unit, boolean change)
    {
        boolean rate = unit.equals("ratio");
        String format = change
                ? rate ? text.pointsFormat() : unit.equals("count") ? "+#,##0;-#,##0;0" : "+#,##0.0;-#,##0.0;0.0"
                : rate ? "0.0%" : unit.equals("count") ? "#,##0" : "#,##0.0";
        return BriefView.Cell.number(value == null || !change || !rate ? value : Double.valueOf(value * 100), format);
    }
}
