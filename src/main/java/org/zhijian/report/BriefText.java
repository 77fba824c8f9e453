package org.zhijian.report;

import java.util.Locale;
import java.util.Map;

import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.indicators.Periods;

/** Every word a brief shows, in Chinese (default) or English. */
public final class BriefText
{
    private final boolean chinese;

    public BriefText(String language)
    {
        if (!language.equals("zh") && !language.equals("en")) {
            throw new IllegalArgumentException("language must be zh or en, not " + language);
        }
        this.chinese = language.equals("zh");
    }

    public boolean chinese()
    {
        return chinese;
    }

    String sheet(String key)
    {
        return (chinese ? Map.of("summary", "概要", "sampling", "质量监管", "notes", "说明")
                : Map.of("summary", "Summary", "sampling", "Sampling and cases", "notes", "Method notes")).get(key);
    }

    public String period(Periods.Period period)
    {
        if (!chinese) {
            return period.id();
        }
        int year = period.start().getYear();
        return switch (period.type()) {
            case "year" -> year + "年";
            case "quarter" -> year + "年第" + "一二三四".charAt((period.start().getMonthValue() - 1) / 3) + "季度";
            default -> year + "年" + period.start().getMonthValue() + "月";
        };
    }

    String title(Periods.Period period)
    {
        return chinese ? "浙江省质量工作简报（" + period(period) + "）" : "Zhejiang quality brief, " + period(period);
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

    String[] samplingHeader()
    {
        return chinese ? new String[] {"城市", "抽查批次", "合格批次", "批次合格率", "同比（百分点）"}
                : new String[] {"City", "Batches sampled", "Batches passed", "Pass rate", "YoY (pp)"};
    }

    String[] notesHeader()
    {
        return chinese ? new String[] {"指标编号", "指标", "定义", "单位"} : new String[] {"Indicator id", "Indicator", "Definition", "Unit"};
    }

    String name(IndicatorCatalogue.Indicator indicator)
    {
        return chinese ? indicator.name().zh() : indicator.name().en();
    }

    String definition(IndicatorCatalogue.Indicator indicator)
    {
        return chinese ? indicator.definition().zh() : indicator.definition().en();
    }

    String unit(String unit)
    {
        return switch (unit) {
            case "ratio" -> "%";
            case "count" -> chinese ? "个" : "count";
            case "per_10k" -> chinese ? "件/万户" : "per 10,000";
            case "wan_yuan" -> chinese ? "万元" : "10k yuan";
            case "score" -> chinese ? "分" : "points";
            default -> "";
        };
    }

    String status(String status)
    {
        return switch (status) {
            case "green" -> chinese ? "绿" : "Green";
            case "amber" -> chinese ? "黄" : "Amber";
            default -> chinese ? "红" : "Red";
        };
    }

    String pointsFormat()
    {
        return chinese ? "+0.0\" 个百分点\";-0.0\" 个百分点\";0.0" : "+0.0\" pp\";-0.0\" pp\";0.0";
    }

    String highlightsTitle()
    {
        return chinese ? "要点" : "Highlights";
    }

    String missingNote()
    {
        return chinese ? "注：“—”表示本期无数据（如该地区本期未开展抽查），不作 0 处理。" : "Note: \"—\" means no data for the period (e.g. no sampling in that region), not zero.";
    }

    String province()
    {
        return chinese ? "全省" : "Province";
    }

    String passRateChartTitle(Periods.Period period)
    {
        return chinese ? period(period) + "各市监督抽查批次合格率" : "Sampling pass rate by city, " + period(period);
    }

    String passRateAxis()
    {
        return chinese ? "批次合格率" : "Pass rate";
    }

    String targetLabel()
    {
        return chinese ? "目标" : "Target";
    }

    String fontName()
    {
        return chinese ? "等线" : "Calibri";
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
