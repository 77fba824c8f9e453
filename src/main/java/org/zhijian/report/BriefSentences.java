package org.zhijian.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
            sentences.add(zh
                    ? "合格率同比变化最大的是" + best.regionName() + "（" + text.points(best.yoyChange()) + "，达 " + BriefText.percent(best.value()) + "），最小的是"
                            + worst.regionName() + "（" + text.points(worst.yoyChange()) + "）。"
                    : best.regionName() + " moved most (" + text.points(best.yoyChange()) + " to " + BriefText.percent(best.value()) + "), "
                            + worst.regionName() + " least (" + text.points(worst.yoyChange()) + ").");
        }
        long red = data.warnings().stream().filter(warning -> warning.severity().equals("red")).count();
        long amber = data.warnings().size() - red;
        sentences.add(zh ? "本期预警 " + data.warnings().size() + " 条，其中红色 " + red + " 条、黄色 " + amber + " 条。"
                : data.warnings().size() + " warnings this period: " + red + " red, " + amber + " amber.");
        // The red warning with the most failed batches: a tiny cell at 0% is statistically red but a poor headline.
        Optional<BriefData.Warning> lowest = data.warnings().stream()
                .filter(warning -> warning.kind().equals("below_threshold") && warning.severity().equals("red") && warning.passRate() != null)
                .max(Comparator.comparingLong(BriefData.Warning::failures).thenComparing(BriefData.Warning::passRate, Comparator.reverseOrder()));
        lowest.ifPresent(warning -> sentences.add(zh
                ? warning.cityName() + warning.category() + "合格率仅 " + BriefText.percent(warning.passRate()) + "，显著低于阈值（" + warning.period() + "）。"
                : warning.category() + " in " + warning.cityName() + " passed only " + BriefText.percent(warning.passRate()) + ", significantly below its threshold (" + warning.period() + ")."));
        for (String id : List.of("brand_contribution_rate", "intl_adoption_rate")) {
            data.value(id, IndicatorEngine.PROVINCE).ifPresent(value -> sentences.add(zh
                    ? (id.equals("brand_contribution_rate") ? "品牌经济贡献率" : "采标率") + " " + BriefText.percent(value.value())
                            + (value.target() == null ? "" : "，目标 " + BriefText.percent(value.target())) + (value.yoyChange() == null ? "。" : "，同比" + text.points(value.yoyChange()) + "。")
                    : (id.equals("brand_contribution_rate") ? "Brand economy contribution" : "International standard adoption") + " stands at " + BriefText.percent(value.value())
                            + (value.target() == null ? "" : " against a target of " + BriefText.percent(value.target())) + "."));
        }
        return sentences.subList(0, Math.min(6, sentences.size()));
    }
}
