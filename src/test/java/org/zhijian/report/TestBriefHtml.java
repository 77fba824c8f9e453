package org.zhijian.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.indicators.Periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhijian.report.TestBriefWorkbook.CATALOGUE;
import static org.zhijian.report.TestBriefWorkbook.REFERENCE;

/** The HTML page from given query results, without Spark or a browser: what it holds, and that it fetches nothing. */
class TestBriefHtml
{
    private static final String DEFINITION = """
            title: {zh: 浙江省质量工作简报, en: Zhejiang quality brief}
            sections:
              - id: summary
                sheet: {zh: 概要, en: Summary}
                builtin: summary
              - id: sampling
                sheet: {zh: 质量监管, en: Sampling}
                blocks:
                  - id: by_city
                    title: {zh: "各市抽查（{period}）", en: "By city, {period}"}
                    sql: SELECT 1
                    columns:
                      - {name: region, header: {zh: 地区, en: Region}}
                      - {name: pass_rate, header: {zh: 批次合格率, en: Pass rate}, format: percent}
                      - {name: status, header: {zh: 状态, en: Status}, format: status}
                      - {name: batches, header: {zh: 抽查批次, en: Batches}, format: count}
                    chart: {id: by_city, type: bar, title: {zh: 合格率, en: Pass rate}, x: region, y: [pass_rate], target: sampling_pass_rate}
                  - id: by_county
                    title: {zh: 各县, en: Counties}
                    sql: SELECT 1
                    columns:
                      - {name: county, header: {zh: 县, en: County}}
                      - {name: pass_rate, header: {zh: 批次合格率, en: Pass rate}, format: percent}
                    chart: {id: county_map, type: tile_map, title: {zh: 各县合格率, en: By county}, x: county_code, y: [pass_rate], target: sampling_pass_rate, line: threshold}
              - id: notes
                sheet: {zh: 说明, en: Notes}
                builtin: notes
            """;

    private static String page(Path directory, String language)
            throws IOException
    {
        ReportDefinition definition = ReportDefinition.load(Files.writeString(directory.resolve("brief.yaml"), DEFINITION), CATALOGUE);
        Map<String, ReportQueries.Table> tables = Map.of(
                "by_city", new ReportQueries.Table(List.of("region", "pass_rate", "status", "batches"), new ArrayList<>(Arrays.asList(
                        new Object[] {"杭州市", 0.9512, "green", 1234.0},
                        new Object[] {"<b>宁波市</b>", null, null, 0.0}))),
                "by_county", new ReportQueries.Table(List.of("county_code", "county", "pass_rate"), new ArrayList<>(Arrays.asList(
                        new Object[] {"330102", "上城区", 0.80},
                        new Object[] {"330106", "西湖区", 0.97}))));
        BriefData data = new BriefData(ReportPeriod.of(Periods.parse("2025-Q3")), 7, List.of(
                new BriefData.Value("sampling_pass_rate", "2025-Q3", "province", "330000", "浙江省", 93.0, 100.0, 0.93, "ratio", 0.9, "amber", 0.012, null)),
                BriefData.Warnings.NONE);
        BriefText text = new BriefText(language);
        BriefView view = new BriefViewBuilder(data, definition, "brief.yaml", tables, CATALOGUE, text, REFERENCE).build();
        Map<String, Charts.Rendered> charts = TestBriefWorkbook.render(view, definition, tables, text);
        Map<String, String> files = new java.util.LinkedHashMap<>();
        charts.keySet().forEach(id -> files.put(id, "charts/" + id + ".svg"));
        return new BriefHtml(view, charts, text).render(files);
    }

    @Test
    void thePageHoldsTheBriefsNumbersAsTheWorkbookShowsThemAndFetchesNothing(@TempDir Path directory)
            throws IOException
    {
        String html = page(directory, "zh");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"zh-CN\">").contains("<title>浙江省质量工作简报（2025年第三季度）</title>");
        // Nothing to fetch: no script, stylesheet, image or font by address, and a policy that refuses every request.
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("src=").doesNotContain("@import").doesNotContain("@font-face");
        String withoutNamespaces = html.replaceAll("xmlns(:[a-z]+)?='[^']*'", "").replaceAll("xmlns(:[a-z]+)?=\"[^\"]*\"", "");
        assertThat(withoutNamespaces).doesNotContain("http://").doesNotContain("https://").doesNotContain("//www.");
        Matcher urls = Pattern.compile("url\\(([^)]*)\\)").matcher(html);
        while (urls.find()) {
            assertThat(urls.group(1)).as("url() reference").startsWith("#");
        }
        // The index names every section; each section is there with its id.
        assertThat(html).contains("<li><a href=\"#summary\">概要</a></li><li><a href=\"#sampling\">质量监管</a></li><li><a href=\"#notes\">说明</a></li>")
                .contains("<section class=\"part\" id=\"sampling\">");
        // Numbers in the workbook's formats; a missing one a dash; status colours as classes; a name escaped.
        assertThat(html).contains("<td data-label=\"批次合格率\" class=\"number\">95.1%</td>").contains("<td data-label=\"抽查批次\" class=\"number\">1,234</td>")
                .contains("<td data-label=\"状态\" class=\"status_green\">绿</td>").contains("<td data-label=\"批次合格率\" class=\"missing\">—</td>")
                .contains("&lt;b&gt;宁波市&lt;/b&gt;").doesNotContain("<b>宁波市");
        assertThat(html).contains("<td data-label=\"数值\" class=\"number\">93.0%</td>").contains("<td data-label=\"状态\" class=\"status_amber\">黄</td>")
                .contains("+1.2 个百分点");
        // A table of more than three columns becomes cards on a phone; a narrow one stays a table.
        assertThat(html).contains("<table id=\"table-by_city\" class=\"cards\">").contains("<table id=\"table-by_county\">");
        // Every chart inline, numbered, with its file named below; the county map has every county's tile.
        assertThat(html).contains("<figure id=\"figure-by_city\"><figcaption>图 2</figcaption><svg id='chart-by_city'")
                .contains("<p class=\"file\">charts/county_map.svg</p>");
        String map = html.substring(html.indexOf("<svg id='chart-county_map'"), html.indexOf("</svg>", html.indexOf("<svg id='chart-county_map'")));
        assertThat(map).contains(">上城<", ">80.0%<", ">西湖<", ">97.0%<", ">景宁<", ">无数据<");
        assertThat(Pattern.compile(">—<").matcher(map).results().count()).as("counties without data").isEqualTo(REFERENCE.tiles().size() - 2);
        // Printed: each section on a new page, charts not cut, headers repeated, pages numbered.
        assertThat(html).contains("section.part + section.part { break-before: page; }").contains("tr, figure, .highlights { break-inside: avoid; }")
                .contains("thead { display: table-header-group; }").contains("counter(page) \" / \" counter(pages)");
    }

    @Test
    void formatsAreTheKnownOnesAndAnUnknownOneIsRefusedNamingThem()
    {
        assertThat(BriefJob.Format.parse("xlsx, html")).containsExactly(BriefJob.Format.XLSX, BriefJob.Format.HTML);
        assertThat(BriefJob.Format.parse("html")).containsExactly(BriefJob.Format.HTML);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BriefJob.Format.parse("xlsx,pdf")).isInstanceOf(org.zhijian.ZhijianException.class)
                .hasMessage("unknown report format 'pdf'; known: xlsx, html");
    }

    @Test
    void theEnglishPageIsInEnglish(@TempDir Path directory)
            throws IOException
    {
        String html = page(directory, "en");
        assertThat(html).contains("<html lang=\"en\">").contains("<a href=\"#sampling\">Sampling</a>").contains("<figcaption>Figure 1</figcaption>")
                .contains("<td data-label=\"Status\" class=\"status_green\">Green</td>");
    }
}
