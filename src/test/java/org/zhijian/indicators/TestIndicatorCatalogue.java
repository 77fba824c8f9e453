package org.zhijian.indicators;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.config.ConfigException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestIndicatorCatalogue
{
    private static final Path CATALOGUE = Path.of("conf", "indicators.yaml");
    private static final Path DOCS = Path.of("docs", "indicators.md");

    @TempDir
    Path directory;

    @Test
    void theCatalogueHasEveryIndicatorOfTheSpecification()
    {
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(CATALOGUE);
        assertThat(catalogue.byId().keySet()).containsAll(List.of("brand_contribution_rate", "valid_brands", "new_brands", "strategic_brand_share",
                "own_ip_brand_share", "cluster_location_quotient", "intl_adoption_rate", "standards_led", "rnd_conversions", "sampling_pass_rate",
                "sampling_pass_rate_food", "sampling_pass_rate_high_risk", "case_rate", "counterfeit_case_rate", "unlicensed_case_rate",
                "credit_a_share", "credit_d_count", "station_coverage", "composite_index"));
        IndicatorCatalogue.Indicator passRate = catalogue.indicator("sampling_pass_rate").orElseThrow();
        assertThat(passRate.numerator().condition()).isEqualTo("result = '合格'");
        assertThat(passRate.denominator().condition()).isEqualTo("true");
        assertThat(passRate.frequency()).containsExactly("month", "quarter", "year");
        assertThat(catalogue.indicator("case_rate").orElseThrow().scale()).isEqualTo(10_000);
        assertThat(catalogue.indicator("brand_contribution_rate").orElseThrow().numerator().describe())
                .isEqualTo("sum(brand_sales) of enterprise_finance where holds_valid_brand");
    }

    @Test
    void aQuarterIsHeldToAQuarterOfTheYearlyTargetOnlyWhereEventsAccumulate()
    {
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(Path.of("conf", "indicators.yaml"));
        IndicatorCatalogue.Indicator cases = catalogue.indicator("case_rate").orElseThrow();
        assertThat(cases.target(Periods.Kind.YEAR)).isEqualTo(200.0);
        assertThat(cases.target(Periods.Kind.QUARTER)).isEqualTo(50.0);
        assertThat(cases.target(Periods.Kind.MONTH)).isCloseTo(200.0 / 12, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cases.thresholds(Periods.Kind.QUARTER).green()).isEqualTo(cases.thresholds().green() / 4);
        // Events over events (a pass rate) and stocks keep the whole target in any period.
        assertThat(catalogue.indicator("sampling_pass_rate").orElseThrow().target(Periods.Kind.MONTH)).isEqualTo(0.95);
        assertThat(catalogue.indicator("valid_brands").orElseThrow().periodShare(Periods.Kind.QUARTER)).isEqualTo(1.0);
        assertThat(catalogue.indicator("new_brands").orElseThrow().periodShare(Periods.Kind.QUARTER)).isEqualTo(0.25);
    }

    @Test
    void documentMatchesTheCatalogue()
            throws IOException
    {
        String expected = IndicatorCatalogue.load(CATALOGUE).markdown();
        if (Boolean.getBoolean("zhijian.updateDocs")) {
            Files.writeString(DOCS, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOCS, StandardCharsets.UTF_8)).as("docs/indicators.md is stale; regenerate it with -Dzhijian.updateDocs=true").isEqualTo(expected);
    }

    @Test
    void mistakesAreReportedWithTheIndicator()
            throws IOException
    {
        assertThat(failure("""
                indicators:
                  - {id: x, name: {zh: 甲, en: X}, definition: {zh: 甲, en: X}, numerator: {facts: nowhere, count: "true"}, unit: count, direction: higher}
                """)).contains("indicator x: numerator: unknown facts 'nowhere'");
        assertThat(failure("""
                indicators:
                  - {id: x, name: {zh: 甲, en: X}, definition: {zh: 甲, en: X}, numerator: {facts: inspections, count: "true"}, unit: ratio, direction: higher}
                """)).contains("indicator x: a ratio needs a denominator");
        assertThat(failure("""
                indicators:
                  - {id: x, name: {zh: 甲, en: X}, definition: {zh: 甲, en: X}, numerator: {facts: cases, count: "true"}, denominator: {facts: enterprises_active, count: "true"},
                     unit: per_10k, direction: lower, thresholds: {green: 30, amber: 20}}
                """)).contains("thresholds go against the direction");
        assertThat(failure("""
                indicators:
                  - {id: x, name: {zh: 甲, en: X}, definition: {zh: 甲, en: X}, numerator: {facts: cases, sum: fines}, unit: count, direction: lower}
                """)).contains("facts cases have no column fines");
        assertThat(failure("""
                indicators:
                  - {id: x, nmae: oops}
                """)).contains(":2: unknown key 'indicators.[0].nmae'");
    }

    private String failure(String yaml)
            throws IOException
    {
        Path file = directory.resolve("indicators.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return assertThatThrownBy(() -> IndicatorCatalogue.load(file, Facts.load(Path.of("conf")))).isInstanceOf(ConfigException.class).actual().getMessage();
    }
}
