package org.zhijian.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How report queries name lake tables: each mention becomes the table's view, nothing else changes. */
class TestReportQueries
{
    private static final List<String> TABLES = List.of("marts.indicator_values", "marts.pass_rate_by_category", "warnings.early_warnings", "staged.cases");

    @Test
    void everyMentionOfATableInAnyCaseBecomesItsView()
    {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("a", "SELECT v.value FROM marts.indicator_values v JOIN MARTS.Indicator_Values w ON v.period = w.period");
        queries.put("b", "SELECT * FROM warnings.early_warnings WHERE severity = 'red'\nUNION ALL SELECT * FROM warnings.early_warnings");
        ReportQueries.Rewritten rewritten = ReportQueries.rewrite(queries, TABLES);
        assertThat(rewritten.queries().get("a")).isEqualTo("SELECT v.value FROM marts__indicator_values v JOIN marts__indicator_values w ON v.period = w.period");
        assertThat(rewritten.queries().get("b")).isEqualTo("SELECT * FROM warnings__early_warnings WHERE severity = 'red'\nUNION ALL SELECT * FROM warnings__early_warnings");
        // Only the tables some query names get a view.
        assertThat(rewritten.views()).containsExactly(Map.entry("marts.indicator_values", "marts__indicator_values"),
                Map.entry("warnings.early_warnings", "warnings__early_warnings"));
    }

    @Test
    void longerQualifiedAndQuotedNamesAndColumnsAreLeftAlone()
    {
        Map<String, String> queries = Map.of(
                "longer", "SELECT * FROM marts.indicator_values_2024",
                "qualified", "SELECT * FROM spark_catalog.marts.indicator_values",
                "quoted", "SELECT * FROM `marts.indicator_values`",
                "column", "SELECT staged.cases_total FROM t",
                "prefix", "SELECT * FROM xmarts.pass_rate_by_category");
        ReportQueries.Rewritten rewritten = ReportQueries.rewrite(queries, TABLES);
        assertThat(rewritten.queries()).isEqualTo(queries);
        assertThat(rewritten.views()).isEmpty();
    }

    @Test
    void aNameEndingAQueryOrBeforePunctuationIsReplaced()
    {
        Map<String, String> queries = Map.of("a", "SELECT count(*) FROM staged.cases", "b", "WITH c AS (SELECT * FROM staged.cases) SELECT * FROM c,staged.cases;");
        ReportQueries.Rewritten rewritten = ReportQueries.rewrite(queries, TABLES);
        assertThat(rewritten.queries().get("a")).isEqualTo("SELECT count(*) FROM staged__cases");
        assertThat(rewritten.queries().get("b")).isEqualTo("WITH c AS (SELECT * FROM staged__cases) SELECT * FROM c,staged__cases;");
    }
}
