package org.zhijian.report;

import java.util.Locale;

import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.indicators.Periods;

/** Every word a brief shows, in Chinese (default) or English. */
public final class BriefText
{
    private final boolean chinese;
    private final java.util.Map<String, String> names;

    public BriefText(String language)
    {
        this(language, java.util.Map.of());
    }

    /** With the English names of regions and product categories by their Chinese names, for English briefs. */
    public BriefText(String language, java.util.Map<String, String> englishNames)
    {
        if (!language.equals("zh") && !language.equals("en")) {
            throw new IllegalArgumentException("language must be zh or en, not " + language);
        }
        this.chinese = language.equals("zh");
        this.names = java.util.Map.copyOf(englishNames);
    }

    /** The brief's words, with the English names of the province, its cities and the product categories from the reference data. */
    public static BriefText of(String language, org.zhijian.reference.ReferenceData reference)
    {
        java.util.Map<String, String> english = new java.util.HashMap<>();
        english.put(reference.divisions().province().name(), reference.divisions().province().englishName());
        reference.divisions().cities().forEach(city -> english.put(city.name(), city.englishName()));
        reference.categories().forEach(category -> english.put(category.name(), category.englishName()));
        return new BriefText(language, english);
    }

    /** A region's or category's name (the data hold Chinese names) in the brief's language. */
    public String label(String name)
    {
        return chinese || name == null ? name : names.getOrDefault(name, name);
    }

    public boolean chinese()
    {
        return chinese;
    }

    /** The text of a definition's {zh, en} pair in this brief's language. */
    public String of(IndicatorCatalogue.Text text)
    {
        return pick(text.zh(), text.en());
    }

    public String pick(String zh, String en)
    {
        return chinese ? zh : en;
    }

    public String period(Periods.Period period)
    {
        if (!chinese) {
            return period.id();
        }
        int year = period.start().getYear();
        return switch (period.kind()) {
            case YEAR -> year + "年";
            case QUARTER -> year + "年第" + "一二三四".charAt((period.start().getMonthValue() - 1) / 3) + "季度";
            case MONTH -> year + "年" + period.start().getMonthValue() + "月";
        };
    }

    /** From the first to the last period: 2021—2025年, 2024年第四季度—2025年第三季度; 2021–2025, 2024-Q4 to 2025-Q3. */
    String range(Periods.Period first, Periods.Period last)
    {
        if (first.id().equals(last.id())) {
            return period(first);
        }
        if (first.start().getYear() == last.end().getYear() && first.start().getDayOfYear() == 1 && last.end().getMonthValue() == 12 && last.end().getDayOfMonth() == 31) {
            // The four quarters of a year are that year.
            return period(Periods.year(first.start().getYear()));
        }
        if (first.kind() == Periods.Kind.YEAR) {
            return chinese ? first.id() + "—" + last.id() + "年" : first.id() + "–" + last.id();
        }
        return chinese ? period(first) + "—" + period(last) : first.id() + " to " + last.id();
    }

    String title(IndicatorCatalogue.Text title, Periods.Period period)
    {
        return chinese ? title.zh() + "（" + period(period) + "）" : title.en() + ", " + period(period);
    }

    String subtitle(long snapshot)
    {
        return chinese ? "数据来源：质监数据湖快照 " + snapshot + "；比率以百分比表示，同比、环比以百分点表示" : "Source: lake snapshot " + snapshot + "; rates in per cent, changes in percentage points";
    }

    String[] summaryHeader()
    {
        return chinese ? new String[] {"指标", "数值", "单位", "目标", "状态", "同比（百分点/数量）", "环比（百分点/数量）"}
                : new String[] {"Indicator", "Value", "Unit", "Target", "Status", "YoY (pp / count)", "vs previous (pp / count)"};
    }

    String yearlyTitle(Periods.Period year)
    {
        return chinese ? "年度指标（" + period(year) + "，截至本期末最近的完整年度）" : "Yearly indicators, " + period(year) + " (the latest year complete by the period's end)";
    }

    String[] notesHeader()
    {
        return chinese ? new String[] {"指标编号", "指标", "定义", "单位"} : new String[] {"Indicator id", "Indicator", "Definition", "Unit"};
    }

    String[] methodsHeader()
    {
        return chinese ? new String[] {"方法编号", "方法", "说明"} : new String[] {"Method id", "Method", "How it works"};
    }

    public String name(IndicatorCatalogue.Indicator indicator)
    {
        return of(indicator.name());
    }

    String definition(IndicatorCatalogue.Indicator indicator)
    {
        return of(indicator.definition());
    }

    String unit(String unit)
    {
        return switch (unit) {
            case "ratio" -> "%";
            case "count" -> pick("个", "count");
            case "per_10k" -> pick("件/万户", "per 10,000");
            case "wan_yuan" -> pick("万元", "10k yuan");
            case "score" -> pick("分", "points");
            default -> "";
        };
    }

    public String status(TrafficLight status)
    {
        return switch (status) {
            case GREEN -> pick("绿", "Green");
            case AMBER -> pick("黄", "Amber");
            case RED -> pick("红", "Red");
        };
    }

    String pointsFormat()
    {
        return pick("+0.0\" 个百分点\";-0.0\" 个百分点\";0.0", "+0.0\" pp\";-0.0\" pp\";0.0");
    }

    String severity(TrafficLight severity)
    {
        return switch (severity) {
            case RED -> pick("红色", "Red");
            case AMBER -> pick("黄色", "Amber");
            case GREEN -> pick("绿色", "Green");
        };
    }

    String noRows()
    {
        return pick("本期无数据。", "No data for the period.");
    }

    /** A tile map's legend entry for a county with no value. */
    String noData()
    {
        return pick("无数据", "No data");
    }

    /** Above a chart on the HTML page: its number. */
    String figureNumber(int number)
    {
        return pick("图 " + number, "Figure " + number);
    }

    /** The page index's heading and the phone brief's footer. */
    String contents()
    {
        return pick("目录", "Contents");
    }

    String noChart()
    {
        return pick("本期无可绘制的数据，未出图。", "Nothing to chart for the period.");
    }

    String highlightsTitle()
    {
        return pick("要点", "Highlights");
    }

    String missingNote()
    {
        return pick("注：“—”表示本期无数据（如该地区本期未开展抽查），不作 0 处理。", "Note: \"—\" means no data for the period (e.g. no sampling in that region), not zero.");
    }

    String progressTitle(Periods.Period period)
    {
        return chinese ? "主要指标目标完成度（" + period(period) + "）" : "Progress to target, " + period(period);
    }

    String progressAxis()
    {
        return pick("实际 ÷ 目标（越低越好的指标为 目标 ÷ 实际）", "Value ÷ target (target ÷ value where lower is better)");
    }

    String intervalLabel()
    {
        return pick("模拟排名 5%–95% 区间", "5–95% range of simulated ranks");
    }

    String targetOf(String indicator)
    {
        return chinese ? indicator + "目标" : indicator + " target";
    }

    String rankAxis()
    {
        return pick("排名", "Rank");
    }

    public String thresholdLabel()
    {
        return pick("阈值", "Threshold");
    }

    /** A forecast fan's bands, median and history. */
    Chart.FanLabels forecastLabels()
    {
        return new Chart.FanLabels(pick("95% 预测区间", "95% prediction interval"), pick("80% 预测区间", "80% prediction interval"), pick("预测中位数", "Forecast median"),
                pick("实际", "Actual"));
    }

    public String targetLabel()
    {
        return pick("目标", "Target");
    }

    public String fontName()
    {
        return pick("等线", "Calibri");
    }

    static String percent(double rate)
    {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    String points(double change)
    {
        double points = change * 100;
        return chinese ? String.format(Locale.ROOT, "%s %.1f 个百分点", points >= 0 ? "上升" : "下降", Math.abs(points))
                : String.format(Locale.ROOT, "%s %.1f pp", points >= 0 ? "up" : "down", Math.abs(points));
    }
}
