package org.zhijian.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.zhijian.scenario.Assumption;
import org.zhijian.scenario.ScenarioEngine;
import org.zhijian.scenario.ScenarioSpec;
import org.zhijian.scenario.ScenarioView;

import static java.util.Objects.requireNonNull;

/**
 * Renders a scenario run's {@link ScenarioView} as the planners' workbook: 假设 (assumptions as
 * run, with each file's hash, and the base year's data), 结果 (fan charts and quantiles by year
 * and region), 明细 (every quantile), 目标概率 (the chance of meeting each target), 敏感性
 * (tornado), 目标倒推 (goal seek), and 对比 (side by side) when several scenarios ran.
 */
public final class ScenarioWorkbook
{
    /** The largest moves a tornado shows. */
    static final int TOP_MOVES = 10;
    private static final java.awt.Color DOWN = new java.awt.Color(0xED7D31);
    private static final java.awt.Color UP = new java.awt.Color(0x2F5597);

    private final ScenarioView view;
    private final ScenarioText text;
    private final Charts charts;
    private final ReportWorkbook book;
    private final String title;

    private ScenarioWorkbook(ScenarioView view, ScenarioText text, Charts charts, ReportWorkbook book)
    {
        this.view = requireNonNull(view, "view is null");
        this.text = requireNonNull(text, "text is null");
        this.charts = requireNonNull(charts, "charts is null");
        this.book = requireNonNull(book, "book is null");
        this.title = text.title(titles(), view.baseYear(), view.lastYear());
    }

    /** A workbook written and its charts. */
    public record Published(Path workbook, List<Path> charts) {}

    /**
     * Writes the view's workbook in the text's language to {@code directory} (moved into place
     * whole) and its charts to {@code directory/charts}.
     */
    public static Published publish(ScenarioView view, ScenarioText text, Optional<Path> font, String label, Path directory)
            throws IOException
    {
        List<String> labels = text.chartLabels(view.scenarios().stream().map(scenario -> text.of(scenario.spec().title())).toList());
        Charts charts = new Charts(ChartFonts.resolve(font, labels));
        Path target = directory.resolve(text.fileName(label));
        try (ReportWorkbook book = new ReportWorkbook(text.fontName())) {
            render(view, text, charts, book);
            book.publish(target);
            return new Published(target, book.writeCharts(directory.resolve("charts"), text.chartSuffix()));
        }
    }

    /** Fills {@code book} with the view's sheets. */
    public static void render(ScenarioView view, ScenarioText text, Charts charts, ReportWorkbook book)
    {
        ScenarioWorkbook workbook = new ScenarioWorkbook(view, text, charts, book);
        workbook.assumptions();
        workbook.results();
        workbook.details();
        workbook.targets();
        workbook.sensitivity();
        workbook.goalSeek();
        if (!view.comparisons().isEmpty()) {
            workbook.compare();
        }
    }

    private List<String> titles()
    {
        return view.scenarios().stream().map(scenario -> text.of(scenario.spec().title())).toList();
    }

    private String mainTitle()
    {
        return text.of(view.scenarios().get(0).spec().title());
    }

    // ---- 假设 ----

    private void assumptions()
    {
        Sheet sheet = book.sheet(text.assumptionsSheet(), new int[] {16, 22, 24, 24, 24, 24, 24, 24});
        book.title(sheet, 0, title);
        int r = 2;
        for (ScenarioView.Scenario scenario : view.scenarios()) {
            ScenarioSpec spec = scenario.spec();
            book.bold(sheet, r++, text.scenario(text.of(spec.title()), spec.name()));
            r = pair(sheet, r, text.file(), spec.file().toString());
            r = pair(sheet, r, "SHA-256", spec.sha256());
            r = pair(sheet, r, text.baseYear(), String.valueOf(view.baseYear()));
            r = pair(sheet, r, text.horizon(), String.valueOf(spec.horizon()));
            r = pair(sheet, r, text.draws(), String.format(java.util.Locale.ROOT, "%,d", spec.draws()));
            r = pair(sheet, r, text.seed(), String.valueOf(spec.seed()));
            r = pair(sheet, r, text.shock(), spec.shock().describe());
            if (!spec.description().isBlank()) {
                r = pair(sheet, r, text.description(), spec.description().strip());
            }
            r++;
            String[] header = new String[2 + Assumption.values().length];
            header[0] = text.city();
            header[1] = text.industryGroup();
            for (Assumption assumption : Assumption.values()) {
                header[2 + assumption.ordinal()] = text.assumption(assumption);
            }
            book.header(sheet, r++, header);
            for (ScenarioView.AssumedCell cell : scenario.cells()) {
                Row row = sheet.createRow(r++);
                book.text(row, 0, text.region(cell.city()), "text");
                book.text(row, 1, text.group(cell.group()), "text");
                for (Assumption assumption : Assumption.values()) {
                    book.text(row, 2 + assumption.ordinal(), cell.assumptions().get(assumption), "text");
                }
            }
            r += 2;
        }
        book.bold(sheet, r++, text.baseData(view.baseYear()));
        book.header(sheet, r++, text.baseHeader());
        for (ScenarioView.BaseCell cell : view.base()) {
            Row row = sheet.createRow(r++);
            book.text(row, 0, text.region(cell.city()), "text");
            book.text(row, 1, text.group(cell.group()), "text");
            baseValues(row, cell);
        }
        Row total = sheet.createRow(r++);
        book.text(total, 0, text.region(view.total().city()), "bold");
        baseValues(total, view.total());
        r++;
        book.note(sheet, r++, text.groupsNote());
        book.note(sheet, r, text.modelNote());
        sheet.createFreezePane(0, 1);
    }

    private void baseValues(Row row, ScenarioView.BaseCell cell)
    {
        double[] values = {cell.sales(), cell.brandSales(), cell.brands(), cell.standards(), cell.adopting()};
        for (int i = 0; i < values.length; i++) {
            book.number(row, 2 + i, values[i], "#,##0");
        }
        book.number(row, 7, cell.adoptionRate().orElse(null), "0.0%");
    }

    private int pair(Sheet sheet, int r, String key, String value)
    {
        Row row = sheet.createRow(r);
        book.text(row, 0, key, "bold");
        book.text(row, 1, value, "text");
        return r + 1;
    }

    // ---- 结果 ----

    private void results()
    {
        Sheet sheet = book.sheet(text.resultsSheet(), new int[] {12, 11, 11, 11, 11, 11, 11, 11});
        book.title(sheet, 0, title);
        int r = 2;
        for (ScenarioView.Projection projection : view.projections()) {
            String indicator = projection.indicator();
            String format = ScenarioText.format(indicator);
            if (r > 2) {
                sheet.setRowBreak(r - 1);
            }
            int top = r;
            book.bold(sheet, r++, text.province(indicator));
            book.header(sheet, r++, text.quantileHeader(text.year(), text.actual()));
            List<String> years = new ArrayList<>();
            List<Double> actual = new ArrayList<>();
            List<List<Double>> bands = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (ScenarioView.YearRow year : projection.years()) {
                Row row = sheet.createRow(r++);
                book.number(row, 0, (double) year.year(), "0");
                book.number(row, 1, year.actual().orElse(null), format);
                quantiles(row, 2, year.quantile(), format);
                years.add(String.valueOf(year.year()));
                // The fan's history stops at the base year; the table shows any later actual beside the projection.
                actual.add(year.year() <= view.baseYear() ? year.actual().orElse(null) : null);
                List<Double> parts = year.quantile().map(q -> List.of(q.p5(), q.p25(), q.p50(), q.p75(), q.p95())).orElse(null);
                for (int k = 0; k < bands.size(); k++) {
                    bands.get(k).add(parts == null ? null : parts.get(k));
                }
            }
            r++;
            book.bold(sheet, r++, text.citiesIn(view.lastYear()));
            book.header(sheet, r++, text.quantileHeader(text.city(), text.actualIn(view.baseYear())));
            for (ScenarioView.CityRow city : projection.cities()) {
                Row row = sheet.createRow(r++);
                book.text(row, 0, text.region(city.city()), "text");
                book.number(row, 1, city.baseValue().orElse(null), format);
                quantiles(row, 2, city.last(), format);
            }
            Chart.Fan fan = new Chart.Fan(text.fanTitle(indicator, mainTitle()), null, projection.rate(), years, bands.get(0), bands.get(1), bands.get(2), bands.get(3),
                    bands.get(4), actual, projection.target().map(value -> new Chart.Target(value, text.targetLabel())), text.fanLabels());
            book.embed(sheet, "fan_" + indicator, charts.draw(fan), 8, top);
            r = Math.max(r, top + ReportWorkbook.CHART_ROWS) + 2;
        }
        book.note(sheet, r, text.quantileNote());
        sheet.createFreezePane(0, 1);
    }

    /** P5, P25, P50, P75, P95 and the mean from {@code column} on, "—" where there is no quantile. */
    private void quantiles(Row row, int column, Optional<ScenarioEngine.Quantile> q, String format)
    {
        List<java.util.function.Function<ScenarioEngine.Quantile, Double>> parts = List.of(ScenarioEngine.Quantile::p5, ScenarioEngine.Quantile::p25,
                ScenarioEngine.Quantile::p50, ScenarioEngine.Quantile::p75, ScenarioEngine.Quantile::p95, ScenarioEngine.Quantile::mean);
        for (int i = 0; i < parts.size(); i++) {
            book.number(row, column + i, q.map(parts.get(i)).orElse(null), format);
        }
    }

    // ---- 明细 ----

    private void details()
    {
        Sheet sheet = book.sheet(text.detailSheet(), new int[] {14, 30, 12, 8, 11, 11, 11, 11, 11, 11});
        book.header(sheet, 0, text.detailHeader());
        int r = 1;
        for (ScenarioView.Detail detail : view.details()) {
            Row row = sheet.createRow(r++);
            book.text(row, 0, detail.scenario(), "text");
            book.text(row, 1, text.indicator(detail.indicator()), "text");
            book.text(row, 2, text.region(detail.region()), "text");
            book.number(row, 3, (double) detail.year(), "0");
            quantiles(row, 4, Optional.of(detail.quantile()), ScenarioText.format(detail.indicator()));
        }
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(1, r - 1), 0, 9));
        sheet.createFreezePane(0, 1);
    }

    // ---- 目标概率 ----

    private void targets()
    {
        Sheet sheet = book.sheet(text.targetsSheet(), new int[] {30, 12, 8, 12, 12, 22, 12, 14});
        book.title(sheet, 0, title);
        int r = 2;
        if (view.targets().isEmpty()) {
            book.note(sheet, r, text.noTargets());
            return;
        }
        for (ScenarioView.TargetTable table : view.targets()) {
            book.bold(sheet, r++, text.of(table.spec().title()));
            book.header(sheet, r++, text.targetHeader());
            for (ScenarioView.TargetRow target : table.rows()) {
                targetRow(sheet.createRow(r++), target);
            }
            r++;
        }
        book.note(sheet, r++, text.probabilityNote());
        r++;
        // Each target's chance by city, in the main scenario.
        List<ScenarioSpec.Target> mainTargets = view.scenarios().get(0).spec().targets();
        book.bold(sheet, r++, text.cityChancesTitle(mainTitle()));
        String[] header = new String[1 + mainTargets.size()];
        header[0] = text.city();
        for (int k = 0; k < mainTargets.size(); k++) {
            header[1 + k] = text.cityChanceHeader(mainTargets.get(k));
        }
        book.header(sheet, r++, header);
        for (ScenarioView.CityChances city : view.cityChances()) {
            Row row = sheet.createRow(r++);
            book.text(row, 0, text.region(city.city()), "text");
            for (int k = 0; k < city.chances().size(); k++) {
                book.number(row, 1 + k, city.chances().get(k).orElse(null), "0%");
            }
        }
        List<String> categories = mainTargets.stream().map(text::targetCategory).toList();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (int s = 0; s < view.scenarios().size(); s++) {
            series.put(text.of(view.scenarios().get(s).spec().title()), view.mainTargetChances().get(s).stream().map(chance -> chance.orElse(null)).toList());
        }
        Chart.Bars chart = new Chart.Bars(text.probabilityChartTitle(), text.probabilityAxis(), new Chart.Series(categories, series), false,
                new Chart.Scale(true, "0%"), Optional.of(new Chart.Target(ScenarioEngine.GOAL, text.goalLine())), List.of());
        book.embed(sheet, "probability", charts.draw(chart), 8, 2);
        sheet.createFreezePane(0, 1);
    }

    private void targetRow(Row row, ScenarioView.TargetRow line)
    {
        ScenarioSpec.Target target = line.target();
        String format = ScenarioText.format(target.indicator());
        book.text(row, 0, text.indicator(target.indicator()), "text");
        book.number(row, 1, target.value(), format);
        book.number(row, 2, (double) target.year(), "0");
        book.text(row, 3, text.region(target.region()), "text");
        book.number(row, 4, line.quantile().map(ScenarioEngine.Quantile::p50).orElse(null), format);
        book.text(row, 5, line.quantile().map(q -> ScenarioText.range(target.indicator(), q.p5(), q.p95())).orElse(null), "text");
        book.number(row, 6, line.probability().orElse(null), "0%");
        book.text(row, 7, line.likelihood().map(text::likelihood).orElse(null), line.likelihood().map(ScenarioWorkbook::light).map(TrafficLight::style).orElse("missing"));
    }

    /** The colour of a likelihood. */
    static TrafficLight light(ScenarioEngine.Likelihood likelihood)
    {
        return switch (likelihood) {
            case LIKELY -> TrafficLight.GREEN;
            case AT_RISK -> TrafficLight.AMBER;
            case UNLIKELY -> TrafficLight.RED;
        };
    }

    // ---- 敏感性 ----

    private void sensitivity()
    {
        Sheet sheet = book.sheet(text.sensitivitySheet(), new int[] {34, 12, 12, 12, 12, 12, 11, 11});
        book.title(sheet, 0, title);
        book.note(sheet, 1, text.sensitivityNote());
        int r = 3;
        for (int k = 0; k < view.sensitivities().size(); k++) {
            ScenarioView.SensitivityTable table = view.sensitivities().get(k);
            ScenarioSpec.Target target = table.target();
            boolean rate = ScenarioSpec.isRate(target.indicator());
            if (r > 3) {
                sheet.setRowBreak(r - 1);
            }
            int top = r;
            book.bold(sheet, r++, text.sensitivityHeading(target, table.reference().p50(), table.reference().probability()));
            book.header(sheet, r++, text.sensitivityHeader(rate));
            // Rates change by percentage points.
            double scale = rate ? 100 : 1;
            String format = ScenarioText.format(target.indicator());
            String changeFormat = rate ? "+0.00;-0.00;0.00" : "+#,##0.0;-#,##0.0;0.0";
            List<String> categories = new ArrayList<>();
            List<Double> down = new ArrayList<>();
            List<Double> up = new ArrayList<>();
            for (ScenarioView.SensitivityRow s : table.rows()) {
                Row row = sheet.createRow(r++);
                book.text(row, 0, text.move(s.move()), "text");
                book.text(row, 1, s.group().map(text::group).orElse(text.allGroups()), "text");
                book.number(row, 2, s.p50Low(), format);
                book.number(row, 3, s.p50High(), format);
                book.number(row, 4, s.changeLow() * scale, changeFormat);
                book.number(row, 5, s.changeHigh() * scale, changeFormat);
                book.number(row, 6, s.probabilityLow(), "0%");
                book.number(row, 7, s.probabilityHigh(), "0%");
                if (categories.size() < TOP_MOVES) {
                    categories.add(text.move(s.move()) + s.group().map(group -> " · " + text.shortGroup(group)).orElse(""));
                    down.add(s.changeLow() * scale);
                    up.add(s.changeHigh() * scale);
                }
            }
            Map<String, List<Double>> series = new LinkedHashMap<>();
            series.put(text.sdDown(), down);
            series.put(text.sdUp(), up);
            Chart.Tornado chart = new Chart.Tornado(text.tornadoTitle(target), text.tornadoAxis(rate), rate ? "0.0" : "#,##0", new Chart.Series(categories, series),
                    List.of(DOWN, UP));
            book.embed(sheet, "tornado_" + (k + 1), charts.draw(chart), 8, top);
            r = Math.max(r, top + ReportWorkbook.CHART_ROWS) + 2;
        }
        if (view.sensitivities().isEmpty()) {
            book.note(sheet, r, text.noSensitivities());
        }
        sheet.createFreezePane(0, 1);
    }

    // ---- 目标倒推 ----

    private void goalSeek()
    {
        Sheet sheet = book.sheet(text.goalSeekSheet(), new int[] {36, 26, 46, 10, 14, 14, 12});
        book.title(sheet, 0, title);
        book.note(sheet, 1, text.goalSeekNote());
        book.header(sheet, 3, text.goalSeekHeader());
        int r = 4;
        for (ScenarioView.GoalSeekRow seek : view.goalSeeks()) {
            Row row = sheet.createRow(r++);
            String targetText = text.goalSeekTarget(seek.target());
            book.text(row, 0, targetText, "wrap");
            book.text(row, 1, text.assumption(seek.lever()), "wrap");
            book.text(row, 2, text.finding(seek.status(), seek.factor().orElse(Double.NaN), seek.probability()), switch (seek.status()) {
                case UNREACHABLE -> TrafficLight.RED.style();
                case MET -> TrafficLight.GREEN.style();
                case REACHED, NO_EFFECT -> "text";
            });
            book.number(row, 3, seek.factor().orElse(null), "0.00");
            String levelFormat = seek.lever() == Assumption.NEW_BRANDS ? "#,##0.0" : "0.00%";
            book.number(row, 4, seek.currentLevel(), levelFormat);
            book.number(row, 5, seek.neededLevel().orElse(null), levelFormat);
            book.number(row, 6, seek.probability(), "0%");
            row.setHeightInPoints(15 * Math.max(ReportWorkbook.lines(targetText, 36), ReportWorkbook.lines(text.assumption(seek.lever()), 26)));
        }
        r++;
        book.note(sheet, r++, text.levelsNote());
        if (view.goalSeeks().isEmpty()) {
            book.note(sheet, r, text.noGoalSeek());
        }
        sheet.createFreezePane(0, 4);
    }

    // ---- 对比 ----

    private void compare()
    {
        Sheet sheet = book.sheet(text.compareSheet(), new int[] {30, 8, 10, 14, 14, 14, 14, 14});
        book.title(sheet, 0, title);
        int r = 2;
        List<String> titles = titles();
        for (ScenarioView.Comparison comparison : view.comparisons()) {
            String indicator = comparison.indicator();
            String format = ScenarioText.format(indicator);
            if (r > 2) {
                sheet.setRowBreak(r - 1);
            }
            int top = r;
            book.bold(sheet, r++, text.provinceMedian(indicator));
            String[] header = new String[1 + titles.size()];
            header[0] = text.year();
            for (int s = 0; s < titles.size(); s++) {
                header[1 + s] = titles.get(s);
            }
            book.header(sheet, r++, header);
            for (int t = 0; t < comparison.years().size(); t++) {
                Row row = sheet.createRow(r++);
                book.number(row, 0, (double) comparison.years().get(t), "0");
                for (int s = 0; s < titles.size(); s++) {
                    book.number(row, 1 + s, comparison.medians().get(s).get(t).orElse(null), format);
                }
            }
            Row range = sheet.createRow(r++);
            book.text(range, 0, "P5–P95 (" + view.lastYear() + ")", "text");
            for (int s = 0; s < titles.size(); s++) {
                book.text(range, 1 + s, comparison.last().get(s).map(q -> ScenarioText.range(indicator, q.p5(), q.p95())).orElse(null), "text");
            }
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (int s = 0; s < titles.size(); s++) {
                series.put(titles.get(s), comparison.medians().get(s).stream().map(value -> value.orElse(null)).toList());
            }
            List<String> years = comparison.years().stream().map(String::valueOf).toList();
            Chart.Line chart = new Chart.Line(text.compareChartTitle(indicator), null, new Chart.Series(years, series), ScenarioSpec.isRate(indicator), Optional.empty(),
                    List.of());
            book.embed(sheet, "compare_" + indicator, charts.draw(chart), 1 + titles.size() + 1, top);
            r = Math.max(r, top + ReportWorkbook.CHART_ROWS) + 2;
        }
        sheet.createFreezePane(0, 1);
    }
}
