package org.zhijian.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.reference.CreditCode;

import static org.assertj.core.api.Assertions.assertThat;

/** validate, ingest and lake from the command line: summaries, exit codes, one-line errors. */
class TestIngestCommands
{
    private static final String A = CreditCode.forEnterprise("330106", "MA000001");
    private static final String B = CreditCode.forEnterprise("330282", "MA000002");

    @TempDir
    Path directory;

    @Test
    void validateListsEveryProblemWritesNothingAndFailsTheGateOnARefusedFile()
            throws IOException
    {
        Path raw = rawFolder();
        Files.write(raw.resolve("finance.csv"), new byte[] {0x00, 0x01, 0x02, (byte) 0xFF});
        Path lake = directory.resolve("lake");
        CliRun output = CliRun.of("validate", "--input", raw.toString(), "--lake", lake.toString(), "--master", "local[2]", "--as-of", "2026-11-27");
        assertThat(output.status()).isEqualTo(3);
        assertThat(output.out()).contains("enterprises", "inspections", "Refused finance.csv: file.unreadable: the file cannot be read: it holds binary data, not text")
                .contains("inspections.csv:4 column sampled_on value '2031-01-01': rule.date_future: sampled_on 2031-01-01 is in the future")
                .contains("inspections.csv:5 column credit_code value '" + B + "': ref.enterprise: credit code " + B + " matches no enterprise")
                .contains("Historical county codes mapped to today's: 1 rows (enterprises 1)");
        assertThat(output.err().strip()).isEqualTo("error: data-quality gate failed: inspections rejected 50.0% > 5.0%; 1 file refused");
        assertThat(output.out() + output.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(lake).doesNotExist();
    }

    @Test
    void ingestPublishesWithAllowRejectsAndLakeListsTablesColumnsAndRuns()
            throws IOException
    {
        Path raw = rawFolder();
        Path lake = directory.resolve("lake");
        CliRun refused = CliRun.of("ingest", "--input", raw.toString(), "--lake", lake.toString(), "--master", "local[2]", "--as-of", "2026-11-27");
        assertThat(refused.status()).isEqualTo(3);
        assertThat(refused.err()).contains("inspections rejected 50.0% > 5.0%").contains("staged tables were not changed");
        CliRun tables = CliRun.of("lake", "--lake", lake.toString());
        assertThat(tables.out()).contains("quarantine.inspections").doesNotContain("staged.inspections").contains("rejected_by_gate");

        CliRun loaded = CliRun.of("ingest", "--input", raw.toString(), "--lake", lake.toString(), "--master", "local[2]", "--as-of", "2026-11-27", "--allow-rejects");
        assertThat(loaded.status()).isZero();
        assertThat(loaded.out()).containsPattern("inspections\\s+1\\s+4\\s+2\\s+2\\s+50.0%")
                .contains("Historical county codes mapped to today's: 1 rows (enterprises 1)")
                .contains("Published lake snapshot 2");
        CliRun listing = CliRun.of("lake", "--lake", lake.toString());
        assertThat(listing.out()).containsPattern("staged.inspections\\s+2 ").containsPattern("staged.enterprises\\s+2 ").contains("succeeded");
        CliRun columns = CliRun.of("lake", "staged.region_economy", "--lake", lake.toString());
        assertThat(columns.out()).containsPattern("gdp\\s+decimal\\(22,4\\)\\s+亿元\\s+Gross domestic product").contains("source_line");
        CliRun unknown = CliRun.of("lake", "staged.nothing", "--lake", lake.toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("error: the lake has no table staged.nothing; `zhijian lake` lists the tables");
    }

    private Path rawFolder()
            throws IOException
    {
        Path raw = directory.resolve("raw");
        Files.createDirectories(raw);
        // GBK with Chinese headers, a historical county code, dates written the Chinese way.
        Files.write(raw.resolve("enterprises.csv"), ("统一社会信用代码,企业名称,区县代码,行业代码,企业规模,规模以上,高新技术企业,成立日期,经营状态\n"
                + A + ",甲公司,330106,C33,小型,是,否,2010年1月1日,存续\n"
                + CreditCode.forEnterprise("330185", "MA000003") + ",丙公司,330185,C34,小型,否,否,2012年3月4日,存续\n").getBytes(Charset.forName("GB18030")));
        Files.writeString(raw.resolve("inspections.csv"), "\uFEFFbatch_id,credit_code,producer_name,county_code,category,plan_level,sampled_on,result,failed_items\r\n"
                + "CC1," + A + ",,330106,羽绒服装,省抽,2024-03-01,合格,\r\n"
                + "CC2,,无名作坊,330106,羽绒服装,县抽,2024/4/1,不合格,\"含绒量;蓬松度\"\r\n"
                + "CC3," + A + ",,330106,羽绒服装,省抽,2031-01-01,合格,\r\n"
                + "CC4," + B + ",,330282,羽绒服装,省抽,2025-03-01,合格,\r\n", StandardCharsets.UTF_8);
        Files.writeString(raw.resolve("region_economy.csv"), "county_code,year,gdp,industrial_output\n330106,2024,\"1,234.5\",2000\n");
        return raw;
    }
}
