package org.zhijian.reference;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.zhijian.schema.Column;
import org.zhijian.schema.SourceDataset;

import static org.assertj.core.api.Assertions.assertThat;

class TestReferenceData
{
    static final ReferenceData REFERENCE = ReferenceDataLoader.load(Path.of("conf", "reference"));

    @Test
    void hasProvinceElevenCitiesAndNinetyCounties()
    {
        Divisions divisions = REFERENCE.divisions();
        assertThat(divisions.province().code()).isEqualTo("330000");
        assertThat(divisions.cities()).hasSize(11);
        assertThat(divisions.counties()).hasSize(90);
        for (Division city : divisions.cities()) {
            assertThat(divisions.countiesOf(city.code())).as("counties of %s", city.name()).isNotEmpty();
            assertThat(city.gdp2023()).isPositive();
        }
        assertThat(divisions.countiesOf("330100")).hasSize(13);
        assertThat(divisions.countiesOf("331100")).hasSize(9);
        assertThat(divisions.get("330782").name()).isEqualTo("义乌市");
    }

    @Test
    void mapsHistoricalCodesToTodaysCounties()
    {
        Divisions divisions = REFERENCE.divisions();
        assertThat(divisions.historicalCodes()).hasSize(6);
        assertThat(divisions.currentCounty("330103").map(Division::code)).contains("330105");
        assertThat(divisions.currentCounty("330185").map(Division::code)).contains("330112");
        assertThat(divisions.currentCounty("331021").map(Division::code)).contains("331083");
        assertThat(divisions.currentCounty("330782")).isPresent();
        // Statistical codes and cities are not counties.
        assertThat(divisions.currentCounty("330371")).isEmpty();
        assertThat(divisions.currentCounty("330101")).isEmpty();
        assertThat(divisions.currentCounty("330100")).isEmpty();
    }

    @Test
    void hasSectionsAndManufacturingDivisionsWithEquipmentFlag()
    {
        Industries industries = REFERENCE.industries();
        assertThat(industries.sections()).hasSize(20);
        assertThat(industries.divisions()).hasSize(31);
        Set<String> equipment = industries.divisions().stream().filter(Industry::equipmentManufacturing).map(Industry::code).collect(Collectors.toSet());
        assertThat(equipment).containsExactlyInAnyOrder("33", "34", "35", "36", "37", "38", "39", "40");
        assertThat(industries.resolve("3311").map(Industry::code)).contains("33");
        assertThat(industries.resolve("C3311").map(Industry::code)).contains("33");
        assertThat(industries.resolve("F")).isPresent();
        assertThat(industries.resolve("F3311")).isEmpty();
        assertThat(industries.resolve("99")).isEmpty();
        assertThat(industries.resolve("Z")).isEmpty();
        assertThat(industries.manufacturingDivision("F")).isEmpty();
    }

    @Test
    void hasProductCategoriesWithFoodAndHighRiskFlags()
    {
        assertThat(REFERENCE.categories()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(REFERENCE.categories()).filteredOn(ProductCategory::food).isNotEmpty();
        assertThat(REFERENCE.category("电线电缆")).hasValueSatisfying(category -> assertThat(category.highRisk()).isTrue());
        assertThat(REFERENCE.category("大米")).hasValueSatisfying(category -> assertThat(category.food()).isTrue());
        assertThat(REFERENCE.clusters()).hasSize(31);
    }

    @Test
    void everyColumnIsKnownByItsChineseNameAndEnglishName()
    {
        HeaderAliases aliases = REFERENCE.headerAliases();
        for (SourceDataset dataset : org.zhijian.schema.Datasets.CATALOGUE.all()) {
            for (Column column : dataset.columns()) {
                assertThat(aliases.columnFor(dataset, column.chineseName())).as("%s.%s", dataset.tableName(), column.chineseName()).contains(column.name());
                assertThat(aliases.columnFor(dataset, column.name().toUpperCase(java.util.Locale.ROOT))).contains(column.name());
            }
        }
        assertThat(aliases.columnFor(org.zhijian.schema.Datasets.FINANCE, "营业收入（万元）")).contains("sales_revenue");
        assertThat(aliases.columnFor(org.zhijian.schema.Datasets.ENTERPRISES, "\uFEFF统一社会信用代码")).contains("credit_code");
        assertThat(aliases.columnFor(org.zhijian.schema.Datasets.ENTERPRISES, "不存在的列")).isEmpty();
    }
}
