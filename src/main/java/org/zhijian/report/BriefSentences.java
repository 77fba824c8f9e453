package org.zhijian.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.zhijian.indicators.IndicatorEngine;

/** The summary's plain-language sentences: the main movements of the period, from the data alone. */
final class BriefSentences
{
    private final BriefData data;
    private final BriefText text;

    BriefSentences(BriefData data, BriefText text)
    {
        this.data = data;
        this.text = text;
    }

    List<String> sentences()
    {
        List<String> sentences = new ArrayList<>();
        String period = text.period(data.period());
        boolean zh = text.chinese();
        data.value("sampling_pass_rate", IndicatorEngine.PROVINCE).ifPresent(province -> sentences.add(zh
                ? period + "全省监督抽查 " + String.format(Locale.ROOT, "%,.0f", province.denominator()) + " 批次，批次合格率 " + BriefText.percent(province.value())
                        + (province.yoyChange() == null ? "。" : "，同比" + text.points(province.yoyChange()) + "。")
                : "In " + period + " the province sampled " + String.format(Locale.ROOT, "%,.0f", province.denominator()) + " batches; " + BriefText.percent(province.value())
                        + " passed" + (province.yoyChange() == null ? "." : ", " + text.points(province.yoyChange()) + " on a year earlier.")));
        List<BriefData.Value> changed = data.cities("sampling_pass_rate").stream().filter(city -> city.yoyChange() != null)
                .sorted(Comparator.comparingDouble(BriefData.Value::yoyChange)).toList();
        if (changed.size() >= 2) {
            BriefData.Value best = changed.get(changed.size() - 1);
            BriefData.Value worst = changed.get(0);
            boolean fell = worst.yoyChange() < 0;
            sentences.add(zh
                    ? "各市合格率同比" + (best.yoyChange() >= 0 ? "升幅" : "降幅") + (best.yoyChange() >= 0 ? "最大" : "最小") + "的是" + text.label(best.regionName()) + "（"
                            + text.points(best.yoyChange()) + "，达 " + BriefText.percent(best.value()) + "），" + (fell ? "降幅最大" : "升幅最小") + "的是"
                            + text.label(worst.regionName()) + "（" + text.points(worst.yoyChange()) + "，为 " + BriefText.percent(worst.value()) + "）。"
                    : "Among the cities, " + text.label(best.regionName()) + " did best on a year earlier (" + text.points(best.yoyChange()) + " to "
                            + BriefText.percent(best.value()) + ") and " + text.label(worst.regionName()) + " worst (" + text.points(worst.yoyChange()) + " to "
                            + BriefText.percent(worst.value()) + ").");
        }
        BriefData.Warnings warnings = data.warnings();
        // Warnings are quarterly: a month's brief counts those of its quarter, a year's those of its four.
        List<org.zhijian.indicators.Periods.Period> quarters = data.periods().quarters();
        String when = text.range(quarters.get(0), quarters.get(quarters.size() - 1));
        sentences.add(zh ? when + "预警 " + warnings.total() + " 条，其中红色 " + warnings.red() + " 条、黄色 " + warnings.amber() + " 条。"
                : warnings.total() + " warnings in " + when + ": " + warnings.red() + " red, " + warnings.amber() + " amber.");
        warnings.headline().ifPresent(warning -> sentences.add(zh
                ? warning.cityName() + warning.category() + "合格率仅 " + BriefText.percent(warning.passRate()) + "，显著低于阈值（" + warning.period() + "）。"
                : text.label(warning.category()) + " in " + text.label(warning.cityName()) + " passed only " + BriefText.percent(warning.passRate())
                        + ", significantly below its threshold (" + warning.period() + ")."));
        data.outlook().ifPresent(outlook -> {
            String quarter = text.period(org.zhijian.indicators.Periods.parse(outlook.period()));
            String strongest = outlook.strongest().map(top -> zh
                    ? "，其中" + top.regionName() + top.category() + "低于阈值的概率为 " + Math.round(top.probability() * 100) + "%"
                    : ", the strongest " + text.label(top.category()) + " in " + text.label(top.regionName()) + " (" + Math.round(top.probability() * 100)
                            + "% likely below its threshold)").orElse("");
            sentences.add(zh
                    ? "预计" + quarter + "全省监督抽查批次合格率为 " + BriefText.percent(outlook.rate()) + "（80% 区间 " + BriefText.percent(outlook.lower80()) + "–"
                            + BriefText.percent(outlook.upper80()) + "）；预防预警 " + outlook.prevention() + " 条" + strongest + "。"
                    : "The province's pass rate is forecast at " + BriefText.percent(outlook.rate()) + " in " + quarter + " (80% range " + BriefText.percent(outlook.lower80())
                            + "–" + BriefText.percent(outlook.upper80()) + "); " + outlook.prevention() + " prevention warnings" + strongest + ".");
        });
        for (String id : List.of("brand_contribution_rate", "intl_adoption_rate")) {
            // Yearly indicators of a monthly or quarterly brief are those of its latest complete year, and say so.
            data.value(id, IndicatorEngine.PROVINCE).ifPresent(value -> {
                String year = value.period().equals(data.period().id()) ? "" : value.period();
                sentences.add(zh
                        ? (year.isEmpty() ? "" : year + "年") + (id.equals("brand_contribution_rate") ? "品牌经济贡献率" : "国际标准采标率") + " " + BriefText.percent(value.value())
                                + (value.target() == null ? "" : "，目标 " + BriefText.percent(value.target()))
                                + (value.yoyChange() == null ? "。" : "，同比" + text.points(value.yoyChange()) + "。")
                        : (year.isEmpty() ? "" : "In " + year + ", ") + capitalised(id.equals("brand_contribution_rate") ? "brand economy contribution"
                                : "international standard adoption", year.isEmpty()) + " was " + BriefText.percent(value.value()) + (value.target() == null ? "" : " against a target of " + BriefText.percent(value.target()))
                                + (value.yoyChange() == null ? "." : ", " + text.points(value.yoyChange()) + " on the year before."));
            });
        }
        return sentences.subList(0, Math.min(7, sentences.size()));
    }

    private static String capitalised(String text, boolean capital)
    {
        return capital ? Character.toUpperCase(text.charAt(0)) + text.substring(1) : text;
    }
}
