package org.zhijian.indicators.warnings;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestEquipmentWarnings
{
    private static final WarningSettings.Equipment SETTINGS = WarningSettings.load(Path.of("conf", "warnings.yaml")).equipment();

    @Test
    void aCountyWithTooLargeAShareOverdueIsWarnedAndASmallOneIsNot()
    {
        List<EquipmentWarnings.Warning> warnings = new EquipmentWarnings(SETTINGS).evaluate(List.of(
                        new EquipmentWarnings.CountyQuarter("330102", "2025-Q4", 200, 9),    // 4.5%: below amber
                        new EquipmentWarnings.CountyQuarter("330105", "2025-Q4", 200, 10),   // 5%: amber
                        new EquipmentWarnings.CountyQuarter("330106", "2025-Q4", 200, 21),   // 10.5%: red
                        new EquipmentWarnings.CountyQuarter("330108", "2025-Q4", 19, 19),    // too few units to judge
                        new EquipmentWarnings.CountyQuarter("330110", "2024-Q4", 200, 50)),  // not a quarter asked for
                List.of(), Set.of("2025-Q4"));
        assertThat(warnings).extracting(EquipmentWarnings.Warning::countyCode, EquipmentWarnings.Warning::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("330105", "amber"), org.assertj.core.groups.Tuple.tuple("330106", "red"));
        assertThat(warnings.get(1).evidenceEn()).isEqualTo("21 units overdue for inspection at the quarter's end, 10.5% of registered units (red threshold 10%)");
    }

    @Test
    void anEnterpriseWithSeveralUnitsFailingWithinTheQuartersIsWarnedInTheQuarterOfAFailure()
    {
        List<EquipmentWarnings.Failure> failures = List.of(
                failure("A", "2025-01-10", "E1"), failure("A", "2025-05-03", "E2"),                 // two units within four quarters: amber in Q2
                failure("B", "2023-02-01", "F1"), failure("B", "2025-03-01", "F2"),                 // too far apart
                failure("C", "2025-07-01", "G1"), failure("C", "2025-08-01", "G1"), failure("C", "2025-09-01", "G2"), failure("C", "2025-09-02", "G3"));
        List<EquipmentWarnings.Warning> warnings = new EquipmentWarnings(SETTINGS).evaluate(List.of(), failures, Set.of("2025-Q1", "2025-Q2", "2025-Q3"));
        assertThat(warnings).extracting(EquipmentWarnings.Warning::creditCode, EquipmentWarnings.Warning::period, EquipmentWarnings.Warning::severity,
                EquipmentWarnings.Warning::units).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A", "2025-Q2", "amber", 2L),
                org.assertj.core.groups.Tuple.tuple("C", "2025-Q3", "red", 3L));
    }

    private static EquipmentWarnings.Failure failure(String code, String date, String unit)
    {
        return new EquipmentWarnings.Failure(code, "企业" + code, "330102", LocalDate.parse(date), unit);
    }
}
