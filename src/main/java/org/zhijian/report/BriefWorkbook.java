package org.zhijian.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.jfree.chart.JFreeChart;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.indicators.IndicatorEngine;
import org.zhijian.indicators.Periods;

import static java.util.Objects.requireNonNull;

/**
 * The brief as an XLSX workbook, sheet by sheet as its report definition says: the built-in
 * summary (headline indicators with status colours, 同比, 环比 and generated sentences) and method
 * notes, and every other sheet as blocks — a titled table of one query's rows with its chart
 * beside it. Missing figures show as "—" with a note, never as 0.
 */
public final class BriefWorkbook
{
    static final String MISSING = ReportWorkbook.MISSING;
    private static final int CHART_ROWS = ReportWorkbook.CHART_ROWS;
    /** Text columns at least this wide wrap. */
    private static final int WRAP_WIDTH = 40;

    private final BriefData data;
    private final ReportDefinition definition;
    private final Map<String, ReportQueries.Table> tables;
    private final IndicatorCatalogue catalogue;
    private final BriefText text;
    private final Charts charts;
    private ReportWorkbook book;
    /** Each headline indicator's value as a share of its target, for the summary's chart. */
    private final Map<String, Double> progress = new LinkedHashMap<>();
    private final String source;

    /** {@code source} names the report definition's file in messages about its blocks. */
    public BriefWorkbook(BriefData data, ReportDefinition definition, String source, Map<String, ReportQueries.Table> tables, IndicatorCatalogue catalogue,
            BriefText text, Charts charts)
    {
        this.data = requireNonNull(data, "data is null");
        this.definition = requireNonNull(definition, "definition is null");
        this.source = requireNonNull(source, "source is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.text = requireNonNull(text, "text is null");
        this.charts = requireNonNull(charts, "charts is null");
    }

    /** Writes the workbook through {@code book}, whose charts then hold the ones drawn. */
    public void write(ReportWorkbook book)
    {
        this.book = requireNonNull(book, "book is null");
        progress.clear();
        for (ReportDefinition.Section section : definition.sections()) {
            switch (section.builtin() == null ? "blocks" : section.builtin()) {
                case "summary" -> summary(book.sheet(text.of(section.sheet()), new int[] {34, 14, 10, 12, 10, 16, 16}));
                case "notes" -> notes(book.sheet(text.of(section.sheet()), new int[] {28, 30, 80, 10}), section.methods());
                default -> blocks(book.sheet(text.of(section.sheet()), widths(section)), section);
            }
        }
    }

    private void summary(Sheet sheet)
    {
        book.title(sheet, 0, text.title(definition.title(), data.period()));
        sheet.createRow(1).createCell(0).setCellValue(text.subtitle(data.snapshot()));
        header(sheet, 3, text.summaryHeader());
        int r = 4;
        Periods.Kind kind = data.period().kind();
        r = headline(sheet, r, indicator -> indicator.reportedFor(kind), data.period().id());
        if (kind != Periods.Kind.YEAR) {
            Periods.Period year = Periods.year(data.periods().year());
            r++;
            sheet.createRow(r).createCell(0).setCellValue(text.yearlyTitle(year));
            sheet.getRow(r++).getCell(0).setCellStyle(style("bold"));
            r = headline(sheet, r, indicator -> !indicator.reportedFor(kind) && indicator.reportedFor(Periods.Kind.YEAR), year.id());
        }
        sheet.createFreezePane(0, 4);
        r++;
        sheet.createRow(r).createCell(0).setCellValue(text.highlightsTitle());
        sheet.getRow(r).getCell(0).setCellStyle(style("bold"));
        for (String sentence : new BriefSentences(data, text).sentences()) {
            sheet.createRow(++r).createCell(0).setCellValue("• " + sentence);
        }
        r += 2;
        note(sheet, r, text.missingNote());
        // Below the sentences rather than beside the table, so the summary prints at full size.
        progressChart(sheet, r + 2);
    }

    /**
     * Beside the headline table: how far each indicator with a target has come, as value ÷ target
     * (target ÷ value where lower is better), lowest first, against a 100% line.
     */
    private void progressChart(Sheet sheet, int row)
    {
        List<Map.Entry<String, Double>> shares = new ArrayList<>(progress.entrySet());
        if (shares.isEmpty()) {
            return;
        }
        shares.sort(Map.Entry.comparingByValue());
        List<String> names = shares.stream().map(Map.Entry::getKey).toList();
        List<Double> values = new ArrayList<>(shares.stream().map(Map.Entry::getValue).toList());
        Chart chart = new Chart.Bars(text.progressTitle(data.period()), text.progressAxis(), Chart.Series.of(names, text.progressAxis(), values), true,
                Chart.Scale.PERCENT, Optional.of(new Chart.Target(1.0, text.targetLabel())), List.of());
        embed(sheet, "summary_target_progress", charts.draw(chart), 0, row);
    }

    /** One row per indicator the filter keeps: its province value in the period, target, status, 同比 and 环比. */
    private int headline(Sheet sheet, int r, java.util.function.Predicate<IndicatorCatalogue.Indicator> keep, String period)
    {
        for (IndicatorCatalogue.Indicator indicator : catalogue.indicators()) {
            if (indicator.special() || !keep.test(indicator)) {
                continue;
            }
            Optional<BriefData.Value> value = data.value(indicator.id(), IndicatorEngine.PROVINCE, period);
            Double target = indicator.target(Periods.parse(period).kind());
            value.filter(known -> target != null && target > 0 && known.value() > 0).ifPresent(known -> progress.put(text.name(indicator),
                    indicator.higherIsBetter() ? known.value() / target : target / known.value()));
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(text.name(indicator));
            number(row, 1, value.map(BriefData.Value::value).orElse(null), indicator.unit(), false);
            // A rate's value already shows its per cent sign.
            row.createCell(2).setCellValue(indicator.unit().equals("ratio") ? "" : text.unit(indicator.unit()));
            number(row, 3, target, indicator.unit(), false);
            status(row, 4, value.map(BriefData.Value::status).map(status -> TrafficLight.parse(status, "marts.indicator_values, status of " + indicator.id())).orElse(null));
            number(row, 5, value.map(BriefData.Value::yoyChange).orElse(null), indicator.unit(), true);
            number(row, 6, value.map(BriefData.Value::popChange).orElse(null), indicator.unit(), true);
        }
        return r;
    }

    /** Each column as wide as the widest of the section's blocks wants it. */
    private static int[] widths(ReportDefinition.Section section)
    {
        int columns = section.blocks().stream().mapToInt(block -> block.columns().size()).max().orElse(1);
        int[] widths = new int[columns];
        for (ReportDefinition.Block block : section.blocks()) {
            for (int i = 0; i < block.columns().size(); i++) {
                widths[i] = Math.max(widths[i], block.columns().get(i).width());
            }
        }
        return widths;
    }

    /** A section of blocks: each block's title, table and notes down column A, its chart to the right of the widest table. */
    private void blocks(Sheet sheet, ReportDefinition.Section section)
    {
        int[] widths = widths(section);
        book.title(sheet, 0, text.title(section.sheet(), data.period()));
        int r = 2;
        for (ReportDefinition.Block block : section.blocks()) {
            String where = "section " + section.id() + " block " + block.id();
            ReportQueries.Table table = tables.get(block.id());
            if (r > 2) {
                // Each block prints on a page of its own, so no chart is cut in two.
                sheet.setRowBreak(r - 1);
            }
            int top = r;
            sheet.createRow(r).createCell(0).setCellValue(data.periods().fill(text.of(block.title()), text, where));
            sheet.getRow(r++).getCell(0).setCellStyle(style("bold"));
            header(sheet, r++, block.columns().stream().map(column -> text.of(column.header())).toArray(String[]::new));
            boolean missing = false;
            for (Object[] values : table.rows()) {
                Row row = sheet.createRow(r++);
                int lines = 1;
                for (int i = 0; i < block.columns().size(); i++) {
                    ReportDefinition.Column column = block.columns().get(i);
                    Object value = values[table.index(column.name())];
                    missing |= value == null;
                    cell(row, i, column, value, source + ": section " + section.id() + " block " + block.id() + " column " + column.name());
                    if (value != null && column.format().equals("text") && column.width() >= WRAP_WIDTH) {
                        lines = Math.max(lines, lines(display(column, value), widths[i]));
                    }
                }
                if (lines > 1) {
                    // Spreadsheet programs do not grow a row for wrapped text on opening: the row says how tall it is.
                    row.setHeightInPoints(15 * lines);
                }
            }
            if (table.rows().isEmpty()) {
                sheet.createRow(r++).createCell(0).setCellValue(block.empty() == null ? text.noRows() : data.periods().fill(text.of(block.empty()), text, where));
            }
            if (missing) {
                note(sheet, r++, text.missingNote());
            }
            if (block.note() != null) {
                note(sheet, r++, data.periods().fill(text.of(block.note()), text, where));
            }
            int bottom = r;
            if (block.chart() != null) {
                Optional<JFreeChart> chart = chart(block, table, where);
                if (chart.isPresent()) {
                    embed(sheet, block.chart().id(), chart.get(), block.columns().size(), top);
                    bottom = Math.max(bottom, top + CHART_ROWS);
                }
                else if (!table.rows().isEmpty()) {
                    note(sheet, r++, text.noChart());
                    bottom = r;
                }
            }
            r = bottom + 2;
        }
        // One block: its header stays in view while scrolling a long table; several: the sheet's title.
        sheet.createFreezePane(0, section.blocks().size() == 1 ? 4 : 1);
    }

    static int lines(String text, int width)
    {
        return ReportWorkbook.lines(text, width);
    }

    /** The chart of a block's rows, or empty when none of its values is known. */
    private Optional<JFreeChart> chart(ReportDefinition.Block block, ReportQueries.Table table, String where)
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
        ReportDefinition.Column x = block.column(spec.x());
        int xIndex = table.index(spec.x());
        List<String> categories = rows.stream().map(row -> display(x, row[xIndex])).toList();
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
        Chart.Series values = new Chart.Series(categories, series);
        ReportDefinition.ChartType type = spec.kind();
        return Optional.of(charts.draw(switch (type) {
            case BAR, HBAR -> new Chart.Bars(title, axis, values, type.horizontal(), scale, target, colors);
            case LINE -> new Chart.Line(title, axis, values, scale.percent(), target, colors);
            case STACKED, STACKED_HBAR -> new Chart.Stacked(title, axis, values, type.horizontal(), scale, target, colors);
            case RANK_INTERVAL -> new Chart.RankIntervals(title, text.rankAxis(), series.keySet().iterator().next(), text.intervalLabel(), categories,
                    series.values().iterator().next(), column(rows, table, spec.low()), column(rows, table, spec.high()));
            case FAN -> new Chart.Fan(title, null, scale.percent(), categories, column(rows, table, spec.low()), column(rows, table, spec.inner().get(0)),
                    column(rows, table, spec.y().get(1)), column(rows, table, spec.inner().get(1)), column(rows, table, spec.high()), column(rows, table, spec.y().get(0)), target,
                    text.forecastLabels());
        }));
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

    /** Every text a brief's charts may draw, for the font check before drawing. */
    static List<String> labels(ReportDefinition definition, Map<String, ReportQueries.Table> tables, IndicatorCatalogue catalogue, BriefText text)
    {
        Chart.FanLabels fan = text.forecastLabels();
        List<String> labels = new ArrayList<>(List.of(text.targetLabel(), text.thresholdLabel(), text.rankAxis(), text.intervalLabel(), text.progressAxis(),
                fan.outer(), fan.inner(), fan.median(), fan.actual(), "0123456789.%,-+—Q"));
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
                int x = table.index(block.chart().x());
                table.rows().forEach(row -> labels.add(String.valueOf(row[x])));
            }
        }
        for (int quarter = 1; quarter <= 4; quarter++) {
            labels.add(text.period(Periods.quarter(2000, quarter)));
        }
        return labels;
    }

    /** A value as the format shows it; a whole number such as a year without decimals, a coded value by its label. */
    private String display(ReportDefinition.Column column, Object value)
    {
        if (value == null) {
            return MISSING;
        }
        String raw = value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e15 ? String.valueOf(number.longValue()) : value.toString();
        IndicatorCatalogue.Text label = column.labels().get(raw);
        return label == null ? raw : text.of(label);
    }

    /** One cell of a block's table; {@code where} names the block and column for a value the report cannot show. */
    private void cell(Row row, int index, ReportDefinition.Column column, Object value, String where)
    {
        switch (column.format()) {
            case "text" -> {
                row.createCell(index).setCellValue(display(column, value));
                // Long texts (evidence, reasons) wrap within their column rather than run across the page.
                row.getCell(index).setCellStyle(style(value == null ? "missing" : column.width() >= WRAP_WIDTH ? "wrap" : "text"));
            }
            case "status" -> status(row, index, value == null ? null : TrafficLight.parse(value.toString(), where));
            case "severity" -> {
                TrafficLight severity = value == null ? null : TrafficLight.parse(value.toString(), where);
                row.createCell(index).setCellValue(severity == null ? MISSING : text.severity(severity));
                row.getCell(index).setCellStyle(style(severity == null ? "missing" : severity.style()));
            }
            default -> {
                if (value != null && !(value instanceof Double)) {
                    row.createCell(index).setCellValue(value.toString());
                    return;
                }
                Double number = (Double) value;
                switch (column.format()) {
                    case "percent" -> number(row, index, number, "ratio", false);
                    // The header says "percentage points": the cell shows +1.2, the summary's wider cells "+1.2 个百分点".
                    case "points" -> formatted(row, index, number == null ? null : number * 100, "+0.0;-0.0;0.0");
                    case "count" -> number(row, index, number, "count", false);
                    case "change" -> number(row, index, number, "per_10k", true);
                    case "decimal2" -> formatted(row, index, number, "0.00");
                    case "rank" -> formatted(row, index, number, "0");
                    default -> formatted(row, index, number, "#,##0.0");
                }
            }
        }
    }

    private void status(Row row, int index, TrafficLight status)
    {
        row.createCell(index).setCellValue(status == null ? MISSING : text.status(status));
        row.getCell(index).setCellStyle(style(status == null ? "missing" : status.style()));
    }

    /** The indicators' definitions, then the methods the definition explains (warnings, forecasts). */
    private void notes(Sheet sheet, List<ReportDefinition.Method> methods)
    {
        header(sheet, 0, text.notesHeader());
        int r = 1;
        for (IndicatorCatalogue.Indicator indicator : catalogue.indicators()) {
            noteRow(sheet.createRow(r++), indicator.id(), text.name(indicator), text.definition(indicator), text.unit(indicator.unit()));
        }
        if (!methods.isEmpty()) {
            header(sheet, ++r, text.methodsHeader());
            r++;
            for (ReportDefinition.Method method : methods) {
                noteRow(sheet.createRow(r++), method.id(), text.of(method.name()), text.of(method.text()), "");
            }
        }
        sheet.createFreezePane(0, 1);
    }

    private void noteRow(Row row, String id, String name, String definition, String unit)
    {
        String[] values = {id, name, definition, unit};
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
            // The workbook's font and top alignment in every cell, so that a row reads level beside its wrapped definition.
            row.getCell(i).setCellStyle(style(i == 2 ? "wrap" : "text"));
        }
        int lines = lines(definition, row.getSheet().getColumnWidth(2) / 256);
        if (lines > 1) {
            row.setHeightInPoints(15 * lines);
        }
    }

    private void header(Sheet sheet, int rowIndex, String[] columns)
    {
        book.header(sheet, rowIndex, columns);
    }

    private void note(Sheet sheet, int r, String note)
    {
        book.note(sheet, r, note);
    }

    private void embed(Sheet sheet, String name, JFreeChart chart, int column, int row)
    {
        book.embed(sheet, name, chart, column, row);
    }

    private void formatted(Row row, int column, Double value, String format)
    {
        book.number(row, column, value, format);
    }

    private CellStyle style(String name)
    {
        return book.style(name);
    }

    private void number(Row row, int column, Double value, String unit, boolean change)
    {
        boolean rate = unit.equals("ratio");
        String format = change
                ? rate ? text.pointsFormat() : unit.equals("count") ? "+#,##0;-#,##0;0" : "+#,##0.0;-#,##0.0;0.0"
                : rate ? "0.0%" : unit.equals("count") ? "#,##0" : "#,##0.0";
        formatted(row, column, value == null || !change || !rate ? value : Double.valueOf(value * 100), format);
    }
}
