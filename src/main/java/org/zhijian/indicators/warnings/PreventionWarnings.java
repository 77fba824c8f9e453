package org.zhijian.indicators.warnings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.zhijian.indicators.forecast.Forecasts;
import org.zhijian.indicators.forecast.RateModel;

import static java.util.Objects.requireNonNull;

/**
 * Prevention warnings (预防): a product category, in a city or the province, whose next
 * quarter's pass rate is forecast below its threshold with at least the configured probability
 * — raised before the quarter happens, with the forecast and the quarters behind it as evidence.
 * Kept apart from the after-the-fact warnings of {@link EarlyWarnings}. Plain computation.
 */
public final class PreventionWarnings
{
    public static final String KIND = "forecast_below_threshold";

    /** One warning: the forecast row it rests on, its severity and its evidence in both languages. */
    public record Warning(String warningId, String severity, Forecasts.Forecast forecast, String evidenceZh, String evidenceEn) {}

    private final WarningSettings.Prevention settings;
    private final Map<String, String> regionNames;
    private final Map<String, String> englishNames;

    /** {@code englishNames}: English names of regions and categories by their Chinese names. */
    public PreventionWarnings(WarningSettings.Prevention settings, Map<String, String> regionNames, Map<String, String> englishNames)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.regionNames = Map.copyOf(regionNames);
        this.englishNames = Map.copyOf(englishNames);
    }

    /** The warnings of the next quarter's category forecasts, red first, then by probability. */
    public List<Warning> evaluate(List<Forecasts.Forecast> forecasts)
    {
        List<Warning> warnings = new ArrayList<>();
        for (Forecasts.Forecast forecast : forecasts) {
            if (forecast.horizon() != 1 || !forecast.key().series().equals(Forecasts.CATEGORY)) {
                continue;
            }
            boolean red = forecast.probabilityBelowRed().map(p -> p >= settings.probability()).orElse(false);
            if (!red && forecast.probabilityBelow() < settings.probability()) {
                continue;
            }
            Forecasts.Key key = forecast.key();
            String id = String.join("|", KIND, Forecasts.period(forecast.quarter()), key.regionCode(), key.category());
            warnings.add(new Warning(id, red ? "red" : "amber", forecast, evidenceZh(forecast, red), evidenceEn(forecast, red)));
        }
        warnings.sort(Comparator.comparing((Warning warning) -> warning.severity().equals("red") ? 0 : 1)
                .thenComparing(warning -> -probability(warning))
                .thenComparing(Warning::warningId));
        return warnings;
    }

    private String evidenceZh(Forecasts.Forecast forecast, boolean red)
    {
        Forecasts.Key key = forecast.key();
        double threshold = threshold(forecast, red);
        double probability = probability(forecast, red);
        String quarter = Forecasts.period(forecast.quarter());
        String zhQuarter = quarter.substring(0, 4) + "年第" + "一二三四".charAt(quarter.charAt(6) - '1') + "季度";
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "预计%s%s%s合格率为%s（80%%区间 %s–%s，按%d批估计），低于阈值 %s 的概率为 %.0f%%",
                zhQuarter, regionNames.getOrDefault(key.regionCode(), key.regionCode()), key.category(), percent(forecast.rateMean()), percent(forecast.lower80()),
                percent(forecast.upper80()), forecast.expectedBatches(), percent(threshold), probability * 100));
        if (!forecast.recent().isEmpty()) {
            text.append("；近期：").append(recent(forecast, "%s %s（%d批）", "，"));
        }
        if (!forecast.own()) {
            text.append("；本类历史批次过少，按所属组预测");
        }
        return text.append("。").toString();
    }

    private String evidenceEn(Forecasts.Forecast forecast, boolean red)
    {
        Forecasts.Key key = forecast.key();
        double threshold = threshold(forecast, red);
        double probability = probability(forecast, red);
        String region = regionNames.getOrDefault(key.regionCode(), key.regionCode());
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s in %s, %s: pass rate forecast at %s (80%% range %s–%s, for %d batches), %.0f%% likely below the %s threshold",
                english(key.category()), english(region), Forecasts.period(forecast.quarter()), percent(forecast.rateMean()), percent(forecast.lower80()),
                percent(forecast.upper80()), forecast.expectedBatches(), probability * 100, percent(threshold)));
        if (!forecast.recent().isEmpty()) {
            text.append("; recent quarters: ").append(recent(forecast, "%s %s (%d batches)", ", "));
        }
        if (!forecast.own()) {
            text.append("; too few batches of its own, forecast from its group");
        }
        return text.append('.').toString();
    }

    /** The quarters before the forecast, each as {@code pattern} (quarter, rate, batches), joined. */
    private static String recent(Forecasts.Forecast forecast, String pattern, String separator)
    {
        List<String> quarters = new ArrayList<>();
        for (RateModel.Observation observation : forecast.recent()) {
            quarters.add(String.format(Locale.ROOT, pattern, Forecasts.period(observation.quarter()), percent(observation.passed() / (double) observation.batches()),
                    observation.batches()));
        }
        return String.join(separator, quarters);
    }

    private String english(String name)
    {
        return englishNames.getOrDefault(name, name);
    }

    private static String percent(double rate)
    {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** The warning's threshold: red's when red, else amber's. */
    public static double threshold(Warning warning)
    {
        return threshold(warning.forecast(), warning.severity().equals("red"));
    }

    /** The probability behind the warning's severity. */
    public static double probability(Warning warning)
    {
        return probability(warning.forecast(), warning.severity().equals("red"));
    }

    private static double threshold(Forecasts.Forecast forecast, boolean red)
    {
        return red ? forecast.threshold().red().orElseThrow() : forecast.threshold().amber();
    }

    private static double probability(Forecasts.Forecast forecast, boolean red)
    {
        return red ? forecast.probabilityBelowRed().orElseThrow() : forecast.probabilityBelow();
    }}
