package org.zhijian.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.reference.ReferenceData;
import org.zhijian.scenario.Assumption;
import org.zhijian.scenario.ScenarioEngine;
import org.zhijian.scenario.ScenarioModel;
import org.zhijian.scenario.ScenarioSpec;

import static java.util.Objects.requireNonNull;

/** Every word of the planners' scenario workbook, in Chinese (default) or English. */
public final class ScenarioText
{
    private final BriefText text;
    private final IndicatorCatalogue catalogue;
    private final Map<String, String> regions = new LinkedHashMap<>();

    public ScenarioText(String language, IndicatorCatalogue catalogue, ReferenceData reference)
    {
        this.text = BriefText.of(language, reference);
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        regions.put(ScenarioSpec.PROVINCE, pick(reference.divisions().province().name(), reference.divisions().province().englishName()));
        reference.divisions().cities().forEach(city -> regions.put(city.code(), pick(city.name(), city.englishName())));
    }

    public boolean chinese()
    {
        return text.chinese();
    }

    public String fontName()
    {
        return text.fontName();
    }

    public String of(IndicatorCatalogue.Text words)
    {
        return text.of(words);
    }

    private String pick(String zh, String en)
    {
        return text.pick(zh, en);
    }

    /** 情景分析_baseline.xlsx or scenario_analysis_baseline_en.xlsx. */
    public String fileName(String label)
    {
        return pick("情景分析_" + label + ".xlsx", "scenario_analysis_" + label + "_en.xlsx");
    }

    /** What chart files are suffixed with: nothing in Chinese, _en in English. */
    public String chartSuffix()
    {
        return pick("", "_en");
    }

    public String title(List<String> scenarios, int baseYear, int lastYear)
    {
        String joined = String.join(pick("、", ", "), scenarios);
        return pick("情景分析：" + joined + "（" + baseYear + "年基年，预测至" + lastYear + "年）",
                "Scenarios: " + joined + " (base year " + baseYear + ", projected to " + lastYear + ")");
    }

    public String region(String code)
    {
        return regions.getOrDefault(code, code);
    }

    public String indicator(String indicator)
    {
        return catalogue.indicator(indicator).map(text::name).orElse(indicator);
    }

    /** A short name for chart labels. */
    public String shortIndicator(String indicator)
    {
        return switch (indicator) {
            case "brand_contribution_rate" -> pick("品牌贡献率", "Brand contribution");
            case "strategic_brand_share" -> pick("战略性名牌占比", "Strategic share");
            case "valid_brands" -> pick("有效名牌", "Valid brands");
            default -> pick("采标率", "Adoption");
        };
    }

    public String group(String group)
    {
        return group.equals("strategic") ? pick("战略性（高新/装备）", "Strategic") : pick("其他", "Other");
    }

    public String shortGroup(String group)
    {
        return group.equals("strategic") ? pick("战略性", "strategic") : pick("其他", "other");
    }

    public String allGroups()
    {
        return pick("全部", "all");
    }

    public String assumption(Assumption assumption)
    {
        return assumption.name(chinese());
    }

    public String move(ScenarioModel.Move move)
    {
        return move.assumption() == null ? pick("省级冲击", "Province-wide shock") : assumption(move.assumption());
    }

    /** A value of an indicator as text: 35.0% for a rate, 1,234 for a count. */
    public static String value(String indicator, double value)
    {
        return ScenarioSpec.isRate(indicator) ? String.format(Locale.ROOT, "%.1f%%", value * 100) : String.format(Locale.ROOT, "%,.0f", value);
    }

    public static String range(String indicator, double low, double high)
    {
        return value(indicator, low) + " – " + value(indicator, high);
    }

    /** The cell format of an indicator's values. */
    public static String format(String indicator)
    {
        return ScenarioSpec.isRate(indicator) ? "0.0%" : "#,##0";
    }

    /** A target as a heading: 品牌贡献率 35.0% (2030). */
    public String target(ScenarioSpec.Target target)
    {
        return indicator(target.indicator()) + " " + value(target.indicator(), target.value()) + " (" + target.year() + ")";
    }

    // ---- 假设 ----

    public String assumptionsSheet()
    {
        return pick("假设", "Assumptions");
    }

    public String scenario(String title, String name)
    {
        return pick("情景：", "Scenario: ") + title + " (" + name + ")";
    }

    public String file()
    {
        return pick("文件", "File");
    }

    public String baseYear()
    {
        return pick("基年", "Base year");
    }

    public String horizon()
    {
        return pick("预测年数", "Horizon (years)");
    }

    public String draws()
    {
        return pick("模拟次数", "Draws");
    }

    public String seed()
    {
        return pick("随机种子", "Seed");
    }

    public String shock()
    {
        return pick("省级冲击", "Shock");
    }

    public String description()
    {
        return pick("说明", "Description");
    }

    public String city()
    {
        return pick("城市", "City");
    }

    public String industryGroup()
    {
        return pick("产业组", "Industry group");
    }

    public String baseData(int year)
    {
        return pick("基年数据（" + year + "年末，来自数据湖）", "Base-year data (end of " + year + ", from the lake)");
    }

    public String[] baseHeader()
    {
        return new String[] {city(), industryGroup(), pick("规上制造业营业收入（万元）", "Sales, above-scale manufacturing (10k yuan)"),
                pick("名牌企业名牌产品销售收入（万元）", "Brand sales (10k yuan)"), pick("有效名牌（个）", "Valid brands"), pick("实施标准（项）", "Standards in force"),
                pick("采标（项）", "Adopting IDT/MOD"), pick("采标率", "Adoption rate")};
    }

    public String groupsNote()
    {
        return pick("产业组：战略性 = 高新技术企业或装备制造业（33–40 大类）；其他 = 其余企业。每年每市每组独立抽样，省级冲击各市共享。",
                "Groups: strategic = high-tech enterprises or equipment manufacturing (divisions 33–40); other = the rest. Each city and group draws every year; the shock is shared.");
    }

    public String modelNote()
    {
        return pick("模型：营业收入按增长率滚动；名牌产品销售收入按增长率滚动、按流失率减少，并加上新名牌×新名牌平均销售收入；采标率每年加上其变化（以实施标准数加权）。",
                "Model: sales grow at their rate; brand sales grow, lose the attrition share and gain new brands × a new brand's sales; the adoption rate moves by its change (weighted by standards).");
    }

    // ---- 结果 ----

    public String resultsSheet()
    {
        return pick("结果", "Results");
    }

    public String province(String indicator)
    {
        return indicator(indicator) + pick("（全省）", " (province)");
    }

    public String[] quantileHeader(String first, String second)
    {
        return new String[] {first, second, "P5", "P25", "P50", "P75", "P95", mean()};
    }

    public String year()
    {
        return pick("年份", "Year");
    }

    public String actual()
    {
        return pick("实际", "Actual");
    }

    public String actualIn(int year)
    {
        return pick(year + "年实际", "Actual " + year);
    }

    public String mean()
    {
        return pick("均值", "Mean");
    }

    public String citiesIn(int year)
    {
        return pick("各市（" + year + "年）", "Cities, " + year);
    }

    public String fanTitle(String indicator, String scenario)
    {
        return indicator(indicator) + pick("：", ": ") + scenario;
    }

    public Chart.FanLabels fanLabels()
    {
        return new Chart.FanLabels(pick("P5–P95 区间", "P5–P95"), pick("P25–P75 区间", "P25–P75"), pick("中位数 P50", "Median (P50)"), actual());
    }

    public String targetLabel()
    {
        return text.targetLabel();
    }

    public String quantileNote()
    {
        return pick("P5–P95：90% 的模拟落在此区间；P50 为中位数。基年一行为实际值（各分位相同）。",
                "P5–P95: 90% of the draws fall in this range; P50 is the median. The base-year row is the actual value (every quantile equal).");
    }

    // ---- 明细 ----

    public String detailSheet()
    {
        return pick("明细", "Detail");
    }

    public String[] detailHeader()
    {
        return new String[] {pick("情景", "Scenario"), pick("指标", "Indicator"), pick("地区", "Region"), year(), "P5", "P25", "P50", "P75", "P95", mean()};
    }

    // ---- 目标概率 ----

    public String targetsSheet()
    {
        return pick("目标概率", "Targets");
    }

    public String noTargets()
    {
        return pick("情景文件未设目标（targets）。", "The scenario file sets no targets.");
    }

    public String[] targetHeader()
    {
        return new String[] {pick("指标", "Indicator"), pick("目标值", "Target"), year(), pick("地区", "Region"), "P50", "P5–P95", probability(), pick("判断", "Assessment")};
    }

    public String probability()
    {
        return pick("达成概率", "Probability");
    }

    public String likelihood(ScenarioEngine.Likelihood likelihood)
    {
        return switch (likelihood) {
            case LIKELY -> pick("较有把握", "likely");
            case AT_RISK -> pick("有风险", "at risk");
            case UNLIKELY -> pick("难以达成", "unlikely");
        };
    }

    public String probabilityNote()
    {
        String goal = Math.round(ScenarioEngine.GOAL * 100) + "%";
        String risk = Math.round(ScenarioEngine.AT_RISK_FROM * 100) + "%";
        return pick("达成概率：模拟中目标年份达到目标值的比例。绿：≥" + goal + "；黄：" + risk + "–" + goal + "；红：<" + risk + "。",
                "Probability: the share of draws reaching the target value in the target year. Green ≥ " + goal + "; amber " + risk.replace("%", "") + "–" + goal
                        + "; red < " + risk + ".");
    }

    public String cityChancesTitle(String scenario)
    {
        return pick("各市达成同一目标值的概率（" + scenario + "）", "Chance of each city reaching the same value, " + scenario);
    }

    public String cityChanceHeader(ScenarioSpec.Target target)
    {
        return indicator(target.indicator()) + " " + value(target.indicator(), target.value()) + " (" + target.year() + ")";
    }

    public String probabilityChartTitle()
    {
        return pick("达成目标的概率", "Probability of meeting each target");
    }

    public String probabilityAxis()
    {
        return pick("概率", "Probability");
    }

    public String goalLine()
    {
        return pick("把握线", "Goal");
    }

    public String targetCategory(ScenarioSpec.Target target)
    {
        return shortIndicator(target.indicator()) + " " + value(target.indicator(), target.value());
    }

    // ---- 敏感性 ----

    public String sensitivitySheet()
    {
        return pick("敏感性", "Sensitivity");
    }

    public String sensitivityNote()
    {
        return pick("每项假设在其均值上下各移动一个标准差（固定值移动 ±20%），其余假设不变，用同一组随机数；看目标年份 P50 与达成概率的变化。",
                "Each assumption moved one sd down and up (±20% for a fixed value), all else equal, on the same random numbers: the change in the target year's P50 and probability.");
    }

    public String sensitivityHeading(ScenarioSpec.Target target, double p50, double probability)
    {
        String indicator = target.indicator();
        return indicator(indicator) + " " + value(indicator, target.value()) + pick("，" + target.year() + "年；基准 P50 ", ", " + target.year() + "; P50 ")
                + value(indicator, p50) + pick("，达成概率 ", ", probability ") + Math.round(probability * 100) + "%";
    }

    public String[] sensitivityHeader(boolean rate)
    {
        String unit = rate ? pick("（百分点）", " (pp)") : pick("（个）", "");
        return new String[] {pick("假设", "Assumption"), pick("产业组", "Group"), "P50 −1σ", "P50 +1σ", pick("变化 −1σ", "Change −1σ") + unit,
                pick("变化 +1σ", "Change +1σ") + unit, pick("概率 −1σ", "Prob. −1σ"), pick("概率 +1σ", "Prob. +1σ")};
    }

    public String tornadoTitle(ScenarioSpec.Target target)
    {
        return pick("敏感性：", "Sensitivity: ") + shortIndicator(target.indicator()) + " " + target.year() + " P50";
    }

    public String tornadoAxis(boolean rate)
    {
        return rate ? pick("P50 变化（百分点）", "Change in P50 (pp)") : pick("P50 变化（个）", "Change in P50");
    }

    public String sdDown()
    {
        return pick("−1 个标准差", "−1 sd");
    }

    public String sdUp()
    {
        return pick("+1 个标准差", "+1 sd");
    }

    public String noSensitivities()
    {
        return pick("情景文件未设目标，无敏感性分析。", "No targets, so no sensitivities.");
    }

    // ---- 目标倒推 ----

    public String goalSeekSheet()
    {
        return pick("目标倒推", "Goal seek");
    }

    public String goalSeekNote()
    {
        String goal = Math.round(ScenarioEngine.GOAL * 100) + "%";
        String most = String.valueOf(Math.round(ScenarioEngine.MAX_FACTOR));
        return pick("对每个目标和每个杠杆，求使达成概率至少 " + goal + " 的最小调整：杠杆在各市各组的均值同乘一个倍数（1 至 " + most + " 倍，二分法），其余不变。",
                "For each target and lever, the smallest move giving at least an " + goal + " chance: the lever's mean in every city and group multiplied by one factor (1 to "
                        + most + ", by bisection), all else equal.");
    }

    public String[] goalSeekHeader()
    {
        return new String[] {pick("目标", "Target"), pick("杠杆", "Lever"), pick("结论", "Finding"), pick("倍数", "Factor"), pick("当前水平", "Current level"),
                pick("所需水平", "Needed level"), probability()};
    }

    /** A goal-seek target with its region when it is not the province. */
    public String goalSeekTarget(ScenarioSpec.Target target)
    {
        return indicator(target.indicator()) + " " + value(target.indicator(), target.value()) + " (" + target.year()
                + (target.region().equals(ScenarioSpec.PROVINCE) ? "" : ", " + region(target.region())) + ")";
    }

    public String finding(ScenarioEngine.GoalSeek.Status status, double factor, double probability)
    {
        String goal = Math.round(ScenarioEngine.GOAL * 100) + "%";
        String most = String.valueOf(Math.round(ScenarioEngine.MAX_FACTOR));
        String times = String.format(Locale.ROOT, "%.2f", factor);
        return switch (status) {
            case MET -> pick("现有假设下已有 ≥" + goal + " 把握，无需调整", "Already at least " + goal + " likely; no move needed");
            case REACHED -> pick("均值提高到 ×" + times + " 时达成概率达到 " + goal, "Reaches " + goal + " at ×" + times + " its mean");
            case NO_EFFECT -> pick("该杠杆不影响此指标", "This lever does not move this indicator");
            case UNREACHABLE -> pick(most + " 倍以内无法达到 " + goal + "（" + most + " 倍时 " + Math.round(probability * 100) + "%）",
                    "Not reachable within ×" + most + " (" + Math.round(probability * 100) + "% at ×" + most + ")");
        };
    }

    public String levelsNote()
    {
        return pick("当前/所需水平：新名牌数为全省每年合计；增长率与采标率年变化为按基年规模加权的全省均值。",
                "Levels: new brands are the province's total per year; growth and adoption change are province averages weighted by base-year size.");
    }

    public String noGoalSeek()
    {
        return pick("情景文件未设目标，无目标倒推。", "No targets, so no goal seek.");
    }

    // ---- 对比 ----

    public String compareSheet()
    {
        return pick("对比", "Compare");
    }

    public String provinceMedian(String indicator)
    {
        return indicator(indicator) + pick("（全省 P50）", " (province P50)");
    }

    public String compareChartTitle(String indicator)
    {
        return indicator(indicator) + pick("：各情景中位数", ": median by scenario");
    }

    /** Every text the charts may draw, for the font check before drawing. */
    public List<String> chartLabels(List<String> scenarioTitles)
    {
        List<String> labels = new ArrayList<>(List.of("0123456789.%,-+×—–", targetLabel(), goalLine(), probabilityChartTitle(), probabilityAxis(), sdDown(), sdUp(),
                tornadoAxis(true), tornadoAxis(false), pick("敏感性：", "Sensitivity: "), pick("：各情景中位数", ": median by scenario")));
        Chart.FanLabels fan = fanLabels();
        labels.addAll(List.of(fan.outer(), fan.inner(), fan.median(), fan.actual()));
        for (String indicator : ScenarioSpec.INDICATORS) {
            labels.add(indicator(indicator));
            labels.add(shortIndicator(indicator));
        }
        for (Assumption assumption : Assumption.values()) {
            labels.add(assumption(assumption));
        }
        labels.add(move(new ScenarioModel.Move(null, -1)));
        ScenarioSpec.GROUPS.forEach(group -> labels.add(shortGroup(group)));
        labels.addAll(scenarioTitles);
        labels.addAll(regions.values());
        return labels;
    }
}
