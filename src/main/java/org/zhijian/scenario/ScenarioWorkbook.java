package org.zhijian.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.reference.ReferenceData;
import org.zhijian.report.BriefText;
import org.zhijian.report.ChartFonts;
import org.zhijian.report.Charts;
import org.zhijian.report.ReportWorkbook;
import org.zhijian.report.TrafficLight;

import static java.util.Objects.requireNonNull;

/**
 * The planners' workbook of one scenario run: 假设 (assumptions as run, with each file's hash, and
 * the base year's data), 结果 (fan charts and quantiles by year and region), 明细 (every quantile),
 * 目标概率 (the chance of meeting each target), 敏感性 (tornado), 目标倒推 (goal seek), and 对比
 * (side by side) when several scenarios ran. The first scenario is the one the detail sheets show.
 */
public final class ScenarioWorkbook
{
    private static final int TOP_MOVES = 10;

    private final ScenarioJob.Result run;
    private final IndicatorCatalogue catalogue;
    private final BriefText text;
    private final Charts charts;
    private final Map<String, String> names = new LinkedHashMap<>();
    private ReportWorkbook book;

    public ScenarioWorkbook(ScenarioJob.Result run, IndicatorCatalogue catalogue, ReferenceData reference, BriefText text, Charts charts)
    {
        this.run = requireNonNull(run, "run is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.text = requireNonNull(text, "text is null");
        this.charts = requireNonNull(charts, "charts is null");
        names.put(ScenarioSpec.PROVINCE, text.pick(reference.divisions().province().name(), reference.divisions().province().englishName()));
        reference.divisions().cities().forEach(city -> names.put(city.code(), text.pick(city.name(), city.englishName())));
    }

    /** Every text the charts may draw, for the font check. */
    public static List<String> labels(ScenarioJob.Result run, IndicatorCatalogue catalogue, ReferenceData reference, BriefText text)
    {
        List<String> labels = new ArrayList<>(List.of("0123456789.%,-+×—–", text.targetLabel()));
        for (String indicator : ScenarioSpec.INDICATORS) {
            labels.add(indicatorName(catalogue, text, indicator));
        }
        for (Assumption assumption : Assumption.values()) {
            labels.add(assumption.name(text.chinese()));
        }
        labels.add(text.pick("战略性新兴（高新技术与装备制造） 其他 省级冲击 全省 实际 中位数 区间 变化 百分点 达成概率 情景 目标 把握线",
                "Strategic (high-tech and equipment) Other Province-wide shock Province Actual Median range Change points Probability scenario target"));
        for (ScenarioJob.Outcome outcome : run.outcomes()) {
            labels.add(text.of(outcome.spec().title()));
        }
        labels.add(reference.divisions().province().name());
        return labels;
    }

    /** A workbook written and its charts. */
    public record Published(Path workbook, List<Path> charts) {}

    /**
     * Writes the run's workbook in one language to {@code directory} (moved into place whole) and its
     * charts to {@code directory/charts}: 情景分析_<label>.xlsx, or scenario_analysis_<label>_en.xlsx.
     */
    public static Published publish(ScenarioJob.Result run, IndicatorCatalogue catalogue, ReferenceData reference, String language, Optional<Path> font,
            Path directory)
            throws IOException
    {
        BriefText text = BriefText.of(language, reference);
        Charts charts = new Charts(ChartFonts.resolve(font, labels(run, catalogue, reference, text)));
        Path target = directory.resolve(text.chinese() ? "情景分析_" + run.label() + ".xlsx" : "scenario_analysis_" + run.label() + "_en.xlsx");
        try (ReportWorkbook book = new ReportWorkbook(text.fontName())) {
            new ScenarioWorkbook(run, catalogue, reference, text, charts).write(book);
            book.publish(target);
            return new Published(target, book.writeCharts(directory.resolve("charts"), text.chinese() ? "" : "_en"));
        }
    }

    public void write(ReportWorkbook book)
    {
        this.book = requireNonNull(book, "book is null");
        assumptions();
        results();
        details();
        targets();
        sensitivity();
        goalSeek();
        if (run.outcomes().size() > 1) {
            compare();
        }
    }

    private ScenarioJob.Outcome main()
    {
        return run.outcomes().get(0);
    }

    private BaseYear base()
    {
        return run.base();
    }

    // ---- 假设 ----

    private void assumptions()
    {
        Sheet sheet = book.sheet(text.pick("假设", "Assumptions"), new int[] {16, 22, 24, 24, 24, 24, 24, 24});
        book.title(sheet, 0, title());
        int r = 2;
        for (ScenarioJob.Outcome outcome : run.outcomes()) {
            ScenarioSpec spec = outcome.spec();
            book.bold(sheet, r++, text.pick("情景：", "Scenario: ") + text.of(spec.title()) + " (" + spec.name() + ")");
            r = pair(sheet, r, text.pick("文件", "File"), spec.file().toString());
            r = pair(sheet, r, "SHA-256", spec.sha256());
            r = pair(sheet, r, text.pick("基年", "Base year"), String.valueOf(base().year()));
            r = pair(sheet, r, text.pick("预测年数", "Horizon (years)"), String.valueOf(spec.horizon()));
            r = pair(sheet, r, text.pick("模拟次数", "Draws"), String.format(java.util.Locale.ROOT, "%,d", spec.draws()));
            r = pair(sheet, r, text.pick("随机种子", "Seed"), String.valueOf(spec.seed()));
            r = pair(sheet, r, text.pick("省级冲击", "Shock"), spec.shock().describe());
            if (!spec.description().isBlank()) {
                r = pair(sheet, r, text.pick("说明", "Description"), spec.description().strip());
            }
            r++;
            String[] header = new String[2 + Assumption.values().length];
            header[0] = text.pick("城市", "City");
            header[1] = text.pick("产业组", "Industry group");
            for (Assumption assumption : Assumption.values()) {
                header[2 + assumption.ordinal()] = assumption.name(text.chinese());
            }
            book.header(sheet, r++, header);
            Map<ScenarioSpec.Cell, Map<Assumption, Distribution>> cells = spec.resolve(base().cities());
            for (Map.Entry<ScenarioSpec.Cell, Map<Assumption, Distribution>> cell : cells.entrySet()) {
                Row row = sheet.createRow(r++);
                book.text(row, 0, names.get(cell.getKey().city()), "text");
                book.text(row, 1, group(cell.getKey().group()), "text");
                for (Assumption assumption : Assumption.values()) {
                    book.text(row, 2 + assumption.ordinal(), cell.getValue().get(assumption).describe(), "text");
                }
            }
            r += 2;
        }
        book.bold(sheet, r++, text.pick("基年数据（" + base().year() + "年末，来自数据湖）",
                "Base-year data (end of " + base().year() + ", from the lake)"));
        book.header(sheet, r++, new String[] {text.pick("城市", "City"), text.pick("产业组", "Industry group"),
                text.pick("规上制造业营业收入（万元）", "Sales, above-scale manufacturing (10k yuan)"),
                text.pick("名牌企业名牌产品销售收入（万元）", "Brand sales (10k yuan)"), text.pick("有效名牌（个）", "Valid brands"),
                text.pick("实施标准（项）", "Standards in force"), text.pick("采标（项）", "Adopting IDT/MOD"), text.pick("采标率", "Adoption rate")});
        double[] totals = new double[5];
        for (int k = 0; k < base().cells(); k++) {
            Row row = sheet.createRow(r++);
            book.text(row, 0, names.get(base().cities().get(k / 2)), "text");
            book.text(row, 1, group(ScenarioSpec.GROUPS.get(k % 2)), "text");
            double[] values = {base().sales()[k], base().brandSales()[k], base().brands()[k], base().standards()[k], base().adopting()[k]};
            for (int i = 0; i < values.length; i++) {
                book.number(row, 2 + i, values[i], "#,##0");
                totals[i] += values[i];
            }
            book.number(row, 7, base().standards()[k] == 0 ? null : base().adopting()[k] / base().standards()[k], "0.0%");
        }
        Row total = sheet.createRow(r++);
        book.text(total, 0, names.get(ScenarioSpec.PROVINCE), "bold");
        for (int i = 0; i < totals.length; i++) {
            book.number(total, 2 + i, totals[i], "#,##0");
        }
        book.number(total, 7, totals[3] == 0 ? null : totals[4] / totals[3], "0.0%");
        r++;
        book.note(sheet, r++, text.pick("产业组：战略性 = 高新技术企业或装备制造业（33–40 大类）；其他 = 其余企业。每年每市每组独立抽样，省级冲击各市共享。",
                "Groups: strategic = high-tech enterprises or equipment manufacturing (divisions 33–40); other = the rest. Each city and group draws every year; the shock is shared."));
        book.note(sheet, r, text.pick("模型：营业收入按增长率滚动；名牌产品销售收入按增长率滚动、按流失率减少，并加上新名牌×新名牌平均销售收入；采标率每年加上其变化（以实施标准数加权）。",
                "Model: sales grow at their rate; brand sales grow, lose the attrition share and gain new brands × a new brand's sales; the adoption rate moves by its change (weighted by standards)."));
        sheet.createFreezePane(0, 1);
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
        Sheet sheet = book.sheet(text.pick("结果", "Results"), new int[] {12, 11, 11, 11, 11, 11, 11, 11});
        book.title(sheet, 0, title());
        ScenarioJob.Outcome outcome = main();
        int last = outcome.spec().horizon();
        int r = 2;
        for (int i = 0; i < ScenarioSpec.INDICATORS.size(); i++) {
            String indicator = ScenarioSpec.INDICATORS.get(i);
            String format = format(indicator);
            if (r > 2) {
                sheet.setRowBreak(r - 1);
            }
            int top = r;
            book.bold(sheet, r++, indicatorName(indicator) + text.pick("（全省）", " (province)"));
            book.header(sheet, r++, new String[] {text.pick("年份", "Year"), text.pick("实际", "Actual"), "P5", "P25", "P50", "P75", "P95", text.pick("均值", "Mean")});
            Map<Integer, Double> history = base().history().getOrDefault(indicator, Map.of()).getOrDefault(ScenarioSpec.PROVINCE, Map.of());
            List<Integer> years = new ArrayList<>();
            List<Double> actual = new ArrayList<>();
            List<Double> p5 = new ArrayList<>();
            List<Double> p25 = new ArrayList<>();
            List<Double> p50 = new ArrayList<>();
            List<Double> p75 = new ArrayList<>();
            List<Double> p95 = new ArrayList<>();
            for (int year = base().year() - BaseYears.HISTORY; year <= base().year() + last; year++) {
                Double known = history.get(year);
                Optional<ScenarioEngine.Quantile> q = outcome.result().quantile(i, 0, year - base().year());
                if (known == null && q.isEmpty()) {
                    continue;
                }
                Row row = sheet.createRow(r++);
                book.number(row, 0, (double) year, "0");
                book.number(row, 1, known, format);
                quantiles(row, 2, q, format);
                years.add(year);
                actual.add(year <= base().year() ? known : null);
                p5.add(q.map(ScenarioEngine.Quantile::p5).orElse(null));
                p25.add(q.map(ScenarioEngine.Quantile::p25).orElse(null));
                p50.add(q.map(ScenarioEngine.Quantile::p50).orElse(null));
                p75.add(q.map(ScenarioEngine.Quantile::p75).orElse(null));
                p95.add(q.map(ScenarioEngine.Quantile::p95).orElse(null));
            }
            r++;
            int finalYear = base().year() + last;
            book.bold(sheet, r++, text.pick("各市（" + finalYear + "年）", "Cities, " + finalYear));
            book.header(sheet, r++, new String[] {text.pick("城市", "City"), text.pick(base().year() + "年实际", "Actual " + base().year()), "P5", "P25", "P50", "P75", "P95",
                    text.pick("均值", "Mean")});
            for (int region = 1; region <= base().cities().size(); region++) {
                String code = base().cities().get(region - 1);
                Optional<ScenarioEngine.Quantile> q = outcome.result().quantile(i, region, last);
                Optional<ScenarioEngine.Quantile> start = outcome.result().quantile(i, region, 0);
                Row row = sheet.createRow(r++);
                book.text(row, 0, names.get(code), "text");
                book.number(row, 1, start.map(ScenarioEngine.Quantile::p50).orElse(null), format);
                quantiles(row, 2, q, format);
            }
            Double target = outcome.spec().targets().stream().filter(t -> t.indicator().equals(indicator) && t.region().equals(ScenarioSpec.PROVINCE))
                    .map(ScenarioSpec.Target::value).findFirst().orElse(null);
            book.embed(sheet, "fan_" + indicator, charts.fan(indicatorName(indicator) + text.pick("：" + text.of(outcome.spec().title()), ": " + text.of(outcome.spec().title())),
                    null, !indicator.equals("valid_brands"), new Charts.Fan(years, p5, p25, p50, p75, p95, actual), target, fanLabels()), 8, top);
            r = Math.max(r, top + ReportWorkbook.CHART_ROWS) + 2;
        }
        book.note(sheet, r, text.pick("P5–P95：90% 的模拟落在此区间；P50 为中位数。基年一行为实际值（各分位相同）。",
                "P5–P95: 90% of the draws fall in this range; P50 is the median. The base-year row is the actual value (every quantile equal)."));
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

    private Charts.FanLabels fanLabels()
    {
        return new Charts.FanLabels(text.pick("P5–P95 区间", "P5–P95"), text.pick("P25–P75 区间", "P25–P75"), text.pick("中位数 P50", "Median (P50)"),
                text.pick("实际", "Actual"), text.targetLabel());
    }

    // ---- 明细 ----

    private void details()
    {
        Sheet sheet = book.sheet(text.pick("明细", "Detail"), new int[] {14, 30, 12, 8, 11, 11, 11, 11, 11, 11});
        book.header(sheet, 0, new String[] {text.pick("情景", "Scenario"), text.pick("指标", "Indicator"), text.pick("地区", "Region"), text.pick("年份", "Year"),
                "P5", "P25", "P50", "P75", "P95", text.pick("均值", "Mean")});
        int r = 1;
        for (ScenarioJob.Outcome outcome : run.outcomes()) {
            for (ScenarioEngine.Quantile q : outcome.result().quantiles()) {
                String indicator = ScenarioSpec.INDICATORS.get(q.indicator());
                String format = format(indicator);
                Row row = sheet.createRow(r++);
                book.text(row, 0, outcome.spec().name(), "text");
                book.text(row, 1, indicatorName(indicator), "text");
                book.text(row, 2, names.get(ScenarioJob.regionCode(base(), q.region())), "text");
                book.number(row, 3, (double) (base().year() + q.year()), "0");
                quantiles(row, 4, Optional.of(q), format);
            }
        }
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(1, r - 1), 0, 9));
        sheet.createFreezePane(0, 1);
    }

    // ---- 目标概率 ----

    private void targets()
    {
        Sheet sheet = book.sheet(text.pick("目标概率", "Targets"), new int[] {30, 12, 8, 12, 12, 22, 12, 14});
        book.title(sheet, 0, title());
        int r = 2;
        if (main().spec().targets().isEmpty()) {
            book.note(sheet, r, text.pick("情景文件未设目标（targets）。", "The scenario file sets no targets."));
            return;
        }
        for (ScenarioJob.Outcome outcome : run.outcomes()) {
            book.bold(sheet, r++, text.of(outcome.spec().title()));
            book.header(sheet, r++, new String[] {text.pick("指标", "Indicator"), text.pick("目标值", "Target"), text.pick("年份", "Year"), text.pick("地区", "Region"),
                    "P50", "P5–P95", text.pick("达成概率", "Probability"), text.pick("判断", "Assessment")});
            for (int k = 0; k < outcome.spec().targets().size(); k++) {
                r = targetRow(sheet, r, outcome, k);
            }
            r++;
        }
        book.note(sheet, r++, text.pick("达成概率：模拟中目标年份达到目标值的比例。绿：≥80%；黄：50%–80%；红：<50%。",
                "Probability: the share of draws reaching the target value in the target year. Green ≥ 80%; amber 50–80%; red < 50%."));
        int chartRow = r + 1;
        // Each target's chance by city, in the main scenario.
        ScenarioJob.Outcome outcome = main();
        r = chartRow;
        book.bold(sheet, r++, text.pick("各市达成同一目标值的概率（" + text.of(outcome.spec().title()) + "）", "Chance of each city reaching the same value, " + text.of(outcome.spec().title())));
        String[] header = new String[1 + outcome.spec().targets().size()];
        header[0] = text.pick("城市", "City");
        for (int k = 0; k < outcome.spec().targets().size(); k++) {
            ScenarioSpec.Target target = outcome.spec().targets().get(k);
            header[1 + k] = indicatorName(target.indicator()) + " " + valueText(target.indicator(), target.value()) + " (" + target.year() + ")";
        }
        book.header(sheet, r++, header);
        for (int region = 1; region <= base().cities().size(); region++) {
            Row row = sheet.createRow(r++);
            book.text(row, 0, names.get(base().cities().get(region - 1)), "text");
            for (int k = 0; k < outcome.spec().targets().size(); k++) {
                book.number(row, 1 + k, outcome.result().chance(k, region).orElse(null), "0%");
            }
        }
        List<String> categories = new ArrayList<>();
        for (ScenarioSpec.Target target : main().spec().targets()) {
            categories.add(shortName(target.indicator()) + " " + valueText(target.indicator(), target.value()));
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (ScenarioJob.Outcome each : run.outcomes()) {
            List<Double> values = new ArrayList<>();
            for (int k = 0; k < main().spec().targets().size(); k++) {
                values.add(chance(each, main().spec().targets().get(k)));
            }
            series.put(text.of(each.spec().title()), values);
        }
        Charts.Style style = new Charts.Style("bar", text.pick("达成目标的概率", "Probability of meeting each target"), text.pick("概率", "Probability"), true, "0%",
                ScenarioEngine.GOAL, text.pick("把握线", "Goal"), null, List.of());
        book.embed(sheet, "probability", charts.draw(style, new Charts.Data(categories, series, null, null)), 8, 2);
        sheet.createFreezePane(0, 1);
    }

    private int targetRow(Sheet sheet, int r, ScenarioJob.Outcome outcome, int k)
    {
        ScenarioSpec.Target target = outcome.spec().targets().get(k);
        ScenarioEngine.Goal goal = outcome.goals().get(k);
        String format = format(target.indicator());
        Optional<ScenarioEngine.Quantile> q = outcome.result().quantile(goal.indicator(), goal.region(), goal.year());
        Double probability = chance(outcome, target);
        Row row = sheet.createRow(r);
        book.text(row, 0, indicatorName(target.indicator()), "text");
        book.number(row, 1, target.value(), format);
        book.number(row, 2, (double) target.year(), "0");
        book.text(row, 3, names.get(target.region()), "text");
        book.number(row, 4, q.map(ScenarioEngine.Quantile::p50).orElse(null), format);
        book.text(row, 5, q.map(found -> range(target.indicator(), found.p5(), found.p95())).orElse(null), "text");
        book.number(row, 6, probability, "0%");
        TrafficLight status = probability == null ? null : probability >= ScenarioEngine.GOAL ? TrafficLight.GREEN : probability >= 0.5 ? TrafficLight.AMBER : TrafficLight.RED;
        book.text(row, 7, status == null ? null : switch (status) {
            case GREEN -> text.pick("较有把握", "likely");
            case AMBER -> text.pick("有风险", "at risk");
            case RED -> text.pick("难以达成", "unlikely");
        }, status == null ? "missing" : status.style());
        return r + 1;
    }

    /** The chance of a scenario meeting a target with the same indicator, value, year and region as {@code target}, if it has one. */
    private static Double chance(ScenarioJob.Outcome outcome, ScenarioSpec.Target target)
    {
        List<ScenarioSpec.Target> targets = outcome.spec().targets();
        for (int k = 0; k < targets.size(); k++) {
            ScenarioSpec.Target candidate = targets.get(k);
            if (candidate.indicator().equals(target.indicator()) && candidate.value() == target.value() && candidate.year() == target.year()
                    && candidate.region().equals(target.region())) {
                return outcome.result().chance(k, outcome.goals().get(k).region()).orElse(null);
            }
        }
        return null;
    }

    // ---- 敏感性 ----

    private void sensitivity()
    {
        Sheet sheet = book.sheet(text.pick("敏感性", "Sensitivity"), new int[] {34, 12, 12, 12, 12, 12, 11, 11});
        book.title(sheet, 0, title());
        book.note(sheet, 1, text.pick("每项假设在其均值上下各移动一个标准差（固定值移动 ±20%），其余假设不变，用同一组随机数；看目标年份 P50 与达成概率的变化。",
                "Each assumption moved one sd down and up (±20% for a fixed value), all else equal, on the same random numbers: the change in the target year's P50 and probability."));
        ScenarioJob.Outcome outcome = main();
        int r = 3;
        for (int k = 0; k < outcome.spec().targets().size(); k++) {
            ScenarioSpec.Target target = outcome.spec().targets().get(k);
            boolean rate = !target.indicator().equals("valid_brands");
            ScenarioEngine.Reference reference = outcome.result().references().get(k);
            if (r > 3) {
                sheet.setRowBreak(r - 1);
            }
            int top = r;
            book.bold(sheet, r++, indicatorName(target.indicator()) + " " + valueText(target.indicator(), target.value()) + text.pick("，" + target.year() + "年；基准 P50 ", ", "
                    + target.year() + "; P50 ") + valueText(target.indicator(), reference.p50()) + text.pick("，达成概率 ", ", probability ")
                    + Math.round(reference.probability() * 100) + "%");
            String unit = rate ? text.pick("（百分点）", " (pp)") : text.pick("（个）", "");
            book.header(sheet, r++, new String[] {text.pick("假设", "Assumption"), text.pick("产业组", "Group"), "P50 −1σ", "P50 +1σ",
                    text.pick("变化 −1σ", "Change −1σ") + unit, text.pick("变化 +1σ", "Change +1σ") + unit, text.pick("概率 −1σ", "Prob. −1σ"), text.pick("概率 +1σ", "Prob. +1σ")});
            int index = k;
            List<ScenarioEngine.Sensitivity> rows = new ArrayList<>(outcome.result().sensitivities().stream().filter(s -> s.target() == index).toList());
            rows.sort(Comparator.comparingDouble((ScenarioEngine.Sensitivity s) -> -Math.abs(s.p50High() - s.p50Low())));
            double scale = rate ? 100 : 1;
            String format = format(target.indicator());
            List<String> categories = new ArrayList<>();
            List<Double> down = new ArrayList<>();
            List<Double> up = new ArrayList<>();
            for (ScenarioEngine.Sensitivity s : rows) {
                Row row = sheet.createRow(r++);
                book.text(row, 0, move(s.move()), "text");
                book.text(row, 1, s.move().group() < 0 ? text.pick("全部", "all") : group(ScenarioSpec.GROUPS.get(s.move().group())), "text");
                book.number(row, 2, s.p50Low(), format);
                book.number(row, 3, s.p50High(), format);
                book.number(row, 4, (s.p50Low() - reference.p50()) * scale, rate ? "+0.00;-0.00;0.00" : "+#,##0.0;-#,##0.0;0.0");
                book.number(row, 5, (s.p50High() - reference.p50()) * scale, rate ? "+0.00;-0.00;0.00" : "+#,##0.0;-#,##0.0;0.0");
                book.number(row, 6, s.probabilityLow(), "0%");
                book.number(row, 7, s.probabilityHigh(), "0%");
                if (categories.size() < TOP_MOVES) {
                    categories.add(move(s.move()) + (s.move().group() < 0 ? "" : " · " + shortGroup(ScenarioSpec.GROUPS.get(s.move().group()))));
                    down.add((s.p50Low() - reference.p50()) * scale);
                    up.add((s.p50High() - reference.p50()) * scale);
                }
            }
            Map<String, List<Double>> series = new LinkedHashMap<>();
            series.put(text.pick("−1 个标准差", "−1 sd"), down);
            series.put(text.pick("+1 个标准差", "+1 sd"), up);
            Charts.Style style = new Charts.Style("tornado", text.pick("敏感性：", "Sensitivity: ") + shortName(target.indicator()) + " " + target.year() + " P50",
                    rate ? text.pick("P50 变化（百分点）", "Change in P50 (pp)") : text.pick("P50 变化（个）", "Change in P50"), false, rate ? "0.0" : "#,##0",
                    null, null, null, List.of(new java.awt.Color(0xED7D31), new java.awt.Color(0x2F5597)));
            book.embed(sheet, "tornado_" + (k + 1), charts.draw(style, new Charts.Data(categories, series, null, null)), 8, top);
            r = Math.max(r, top + ReportWorkbook.CHART_ROWS) + 2;
        }
        if (outcome.spec().targets().isEmpty()) {
            book.note(sheet, r, text.pick("情景文件未设目标，无敏感性分析。", "No targets, so no sensitivities."));
        }
        sheet.createFreezePane(0, 1);
    }

    // ---- 目标倒推 ----

    private void goalSeek()
    {
        Sheet sheet = book.sheet(text.pick("目标倒推", "Goal seek"), new int[] {36, 26, 46, 10, 14, 14, 12});
        book.title(sheet, 0, title());
        book.note(sheet, 1, text.pick("对每个目标和每个杠杆，求使达成概率至少 80% 的最小调整：杠杆在各市各组的均值同乘一个倍数（1 至 3 倍，二分法），其余不变。",
                "For each target and lever, the smallest move giving at least an 80% chance: the lever's mean in every city and group multiplied by one factor (1 to 3, by bisection), all else equal."));
        book.header(sheet, 3, new String[] {text.pick("目标", "Target"), text.pick("杠杆", "Lever"), text.pick("结论", "Finding"), text.pick("倍数", "Factor"),
                text.pick("当前水平", "Current level"), text.pick("所需水平", "Needed level"), text.pick("达成概率", "Probability")});
        int r = 4;
        ScenarioJob.Outcome outcome = main();
        for (ScenarioEngine.GoalSeek seek : outcome.result().goalSeeks()) {
            ScenarioSpec.Target target = outcome.spec().targets().get(seek.target());
            Row row = sheet.createRow(r++);
            book.text(row, 0, indicatorName(target.indicator()) + " " + valueText(target.indicator(), target.value()) + " (" + target.year()
                    + (target.region().equals(ScenarioSpec.PROVINCE) ? "" : ", " + names.get(target.region())) + ")", "wrap");
            book.text(row, 1, seek.lever().name(text.chinese()), "wrap");
            String finding = switch (seek.status()) {
                case MET -> text.pick("现有假设下已有 ≥80% 把握，无需调整", "Already at least 80% likely; no move needed");
                case REACHED -> text.pick("均值提高到 ×" + factor(seek.factor()) + " 时达成概率达到 80%", "Reaches 80% at ×" + factor(seek.factor()) + " its mean");
                case NO_EFFECT -> text.pick("该杠杆不影响此指标", "This lever does not move this indicator");
                case UNREACHABLE -> text.pick("3 倍以内无法达到 80%（3 倍时 " + Math.round(seek.probability() * 100) + "%）",
                        "Not reachable within ×3 (" + Math.round(seek.probability() * 100) + "% at ×3)");
            };
            boolean found = seek.status().found();
            book.text(row, 2, finding, switch (seek.status()) {
                case UNREACHABLE -> TrafficLight.RED.style();
                case MET -> TrafficLight.GREEN.style();
                case REACHED, NO_EFFECT -> "text";
            });
            book.number(row, 3, found ? seek.factor() : null, "0.00");
            String levelFormat = seek.lever() == Assumption.NEW_BRANDS ? "#,##0.0" : "0.00%";
            book.number(row, 4, outcome.model().level(seek.lever(), 1), levelFormat);
            book.number(row, 5, found ? outcome.model().level(seek.lever(), seek.factor()) : null, levelFormat);
            book.number(row, 6, seek.probability(), "0%");
            String targetText = indicatorName(target.indicator()) + " " + valueText(target.indicator(), target.value()) + " (" + target.year() + ")";
            row.setHeightInPoints(15 * Math.max(ReportWorkbook.lines(targetText, 36), ReportWorkbook.lines(seek.lever().name(text.chinese()), 26)));
        }
        r++;
        book.note(sheet, r++, text.pick("当前/所需水平：新名牌数为全省每年合计；增长率与采标率年变化为按基年规模加权的全省均值。",
                "Levels: new brands are the province's total per year; growth and adoption change are province averages weighted by base-year size."));
        if (outcome.result().goalSeeks().isEmpty()) {
            book.note(sheet, r, text.pick("情景文件未设目标，无目标倒推。", "No targets, so no goal seek."));
        }
        sheet.createFreezePane(0, 4);
    }

    // ---- 对比 ----

    private void compare()
    {
        Sheet sheet = book.sheet(text.pick("对比", "Compare"), new int[] {30, 8, 10, 14, 14, 14, 14, 14});
        book.title(sheet, 0, title());
        int r = 2;
        int last = main().spec().horizon();
        for (int i = 0; i < ScenarioSpec.INDICATORS.size(); i++) {
            String indicator = ScenarioSpec.INDICATORS.get(i);
            String format = format(indicator);
            if (r > 2) {
                sheet.setRowBreak(r - 1);
            }
            int top = r;
            book.bold(sheet, r++, indicatorName(indicator) + text.pick("（全省 P50）", " (province P50)"));
            String[] header = new String[1 + run.outcomes().size()];
            header[0] = text.pick("年份", "Year");
            for (int s = 0; s < run.outcomes().size(); s++) {
                header[1 + s] = text.of(run.outcomes().get(s).spec().title());
            }
            book.header(sheet, r++, header);
            List<String> years = new ArrayList<>();
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (ScenarioJob.Outcome outcome : run.outcomes()) {
                series.put(text.of(outcome.spec().title()), new ArrayList<>());
            }
            for (int t = 0; t <= last; t++) {
                Row row = sheet.createRow(r++);
                book.number(row, 0, (double) (base().year() + t), "0");
                years.add(String.valueOf(base().year() + t));
                for (int s = 0; s < run.outcomes().size(); s++) {
                    ScenarioJob.Outcome outcome = run.outcomes().get(s);
                    Double value = t <= outcome.spec().horizon() ? outcome.result().quantile(i, 0, t).map(ScenarioEngine.Quantile::p50).orElse(null) : null;
                    book.number(row, 1 + s, value, format);
                    series.get(text.of(outcome.spec().title())).add(value);
                }
            }
            Row range = sheet.createRow(r++);
            book.text(range, 0, "P5–P95 (" + (base().year() + last) + ")", "text");
            for (int s = 0; s < run.outcomes().size(); s++) {
                ScenarioJob.Outcome outcome = run.outcomes().get(s);
                book.text(range, 1 + s, outcome.result().quantile(i, 0, last).map(q -> range(indicator, q.p5(), q.p95())).orElse(null), "text");
            }
            Charts.Style style = new Charts.Style("line", indicatorName(indicator) + text.pick("：各情景中位数", ": median by scenario"), null,
                    !indicator.equals("valid_brands"), indicator.equals("valid_brands") ? "#,##0" : "0.0%", null, null, null, List.of());
            book.embed(sheet, "compare_" + indicator, charts.draw(style, new Charts.Data(years, series, null, null)), 1 + run.outcomes().size() + 1, top);
            r = Math.max(r, top + ReportWorkbook.CHART_ROWS) + 2;
        }
        sheet.createFreezePane(0, 1);
    }

    // ---- words ----

    private String title()
    {
        List<String> titles = run.outcomes().stream().map(outcome -> text.of(outcome.spec().title())).toList();
        String joined = String.join(text.pick("、", ", "), titles);
        int last = base().year() + main().spec().horizon();
        return text.pick("情景分析：" + joined + "（" + base().year() + "年基年，预测至" + last + "年）",
                "Scenarios: " + joined + " (base year " + base().year() + ", projected to " + last + ")");
    }

    private String indicatorName(String indicator)
    {
        return indicatorName(catalogue, text, indicator);
    }

    private static String indicatorName(IndicatorCatalogue catalogue, BriefText text, String indicator)
    {
        return catalogue.indicator(indicator).map(text::name).orElse(indicator);
    }

    /** A short name for chart labels. */
    private String shortName(String indicator)
    {
        return switch (indicator) {
            case "brand_contribution_rate" -> text.pick("品牌贡献率", "Brand contribution");
            case "strategic_brand_share" -> text.pick("战略性名牌占比", "Strategic share");
            case "valid_brands" -> text.pick("有效名牌", "Valid brands");
            default -> text.pick("采标率", "Adoption");
        };
    }

    private String group(String group)
    {
        return group.equals("strategic") ? text.pick("战略性（高新/装备）", "Strategic") : text.pick("其他", "Other");
    }

    private String shortGroup(String group)
    {
        return group.equals("strategic") ? text.pick("战略性", "strategic") : text.pick("其他", "other");
    }

    private String move(ScenarioModel.Move move)
    {
        return move.assumption() == null ? text.pick("省级冲击", "Province-wide shock") : move.assumption().name(text.chinese());
    }

    private static String format(String indicator)
    {
        return indicator.equals("valid_brands") ? "#,##0" : "0.0%";
    }

    private static String valueText(String indicator, double value)
    {
        return indicator.equals("valid_brands") ? String.format(java.util.Locale.ROOT, "%,.0f", value) : String.format(java.util.Locale.ROOT, "%.1f%%", value * 100);
    }

    private static String range(String indicator, double low, double high)
    {
        return valueText(indicator, low) + " – " + valueText(indicator, high);
    }

    private static String factor(double factor)
    {
        return String.format(java.util.Locale.ROOT, "%.2f", factor);
    }
}
