package org.zhijian.report;

import org.junit.jupiter.api.Test;
import org.zhijian.config.ConfigException;
import org.zhijian.indicators.Periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestReportPeriod
{
    @Test
    void aQuarterlyBriefShowsTheYearBeforeUnlessItIsTheFourthQuarter()
    {
        ReportPeriod q3 = ReportPeriod.of(Periods.parse("2025-Q3"));
        assertThat(q3.year()).isEqualTo(2024);
        assertThat(q3.quarters()).extracting(Periods.Period::id).containsExactly("2025-Q3");
        assertThat(q3.trend()).extracting(Periods.Period::id).containsExactly("2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3");
        assertThat(q3.trendYears()).containsExactly(2020, 2021, 2022, 2023, 2024);
        assertThat(ReportPeriod.of(Periods.parse("2025-Q4")).year()).isEqualTo(2025);
        assertThat(ReportPeriod.of(Periods.parse("2025-12")).year()).isEqualTo(2025);
        assertThat(ReportPeriod.of(Periods.parse("2025-11")).year()).isEqualTo(2024);
    }

    @Test
    void aMonthLiesInOneQuarterAndAYearSpansFour()
    {
        ReportPeriod month = ReportPeriod.of(Periods.parse("2025-08"));
        assertThat(month.quarters()).extracting(Periods.Period::id).containsExactly("2025-Q3");
        assertThat(month.trend()).hasSize(12).first().extracting(Periods.Period::id).isEqualTo("2024-09");
        ReportPeriod year = ReportPeriod.of(Periods.parse("2025"));
        assertThat(year.year()).isEqualTo(2025);
        assertThat(year.quarters()).extracting(Periods.Period::id).containsExactly("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");
        assertThat(year.trend()).extracting(Periods.Period::id).containsExactly("2021", "2022", "2023", "2024", "2025");
    }

    @Test
    void placeholdersAreFilledInSqlAndInTitlesOfEitherLanguage()
    {
        ReportPeriod q3 = ReportPeriod.of(Periods.parse("2025-Q3"));
        assertThat(q3.sql("period = '${period}' AND year = ${year} AND p IN (${quarters}) AND y IN (${trend_years}) AND l = '${lang}'", "zh", "here"))
                .isEqualTo("period = '2025-Q3' AND year = 2024 AND p IN ('2025-Q3') AND y IN (2020, 2021, 2022, 2023, 2024) AND l = 'zh'");
        assertThat(q3.fill("{year}各市（{period}，{trend_years}，{trend}）", new BriefText("zh"), "here"))
                .isEqualTo("2024年各市（2025年第三季度，2020—2024年，2023年第四季度—2025年第三季度）");
        assertThat(q3.fill("By city, {year} ({period}; {trend_years}; {trend})", new BriefText("en"), "here"))
                .isEqualTo("By city, 2024 (2025-Q3; 2020–2024; 2023-Q4 to 2025-Q3)");
    }

    @Test
    void anUnknownPlaceholderNamesItselfAndWhereItIs()
    {
        ReportPeriod q3 = ReportPeriod.of(Periods.parse("2025-Q3"));
        assertThatThrownBy(() -> q3.sql("year = ${yaer}", "zh", "reports/brief.yaml: section brand block by_city"))
                .isInstanceOf(ConfigException.class).hasMessage("reports/brief.yaml: section brand block by_city: unknown placeholder ${yaer} "
                        + "(known: period, year, quarters, trend, trend_years, lang)");
    }
}
