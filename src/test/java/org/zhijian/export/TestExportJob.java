package org.zhijian.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.ZhijianException;
import org.zhijian.cli.CliRun;
import org.zhijian.reference.CreditCode;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Export round trips (typed cells read back with POI), CSV details, masking and every refusal. */
class TestExportJob
{
    private static final String A = CreditCode.forEnterprise("330106", "MA000001");
    private static final String B = CreditCode.forEnterprise("330282", "MA000002");
    static final java.time.Duration TIMEOUT = java.time.Duration.ofMinutes(30);

    @TempDir
    static Path directory;
    private static Path lake;
    private static SparkSession spark;

    @BeforeAll
    static void ingest()
            throws IOException
    {
        spark = SharedSpark.session();
        Path raw = directory.resolve("raw");
        Files.createDirectories(raw);
        Files.writeString(raw.resolve("enterprises.csv"), ExportFixtures.ENTERPRISES_HEADER
                + A + ",\"=HYPERLINK(\"\"http://x\"\")\",330106,C33,小型,是,否,2010-01-01,存续,张三丰,13812345678\n"
                + B + ",\"宁波,港口\"\"机械\"\"\n有限公司\",330282,C34,中型,否,是,2012-03-04,存续,欧阳娜娜,0574-87654321\n");
        Files.writeString(raw.resolve("finance.csv"), "credit_code,year,output_value,sales_revenue,brand_sales,patents\n"
                + A + ",2024,\"1,234.56\",2000,800.5,12\n" + B + ",2024,-,100,0,3\n" + B + ",2025,50,100,0,\n");
        Files.writeString(raw.resolve("cases.csv"), ExportFixtures.cases());
        lake = directory.resolve("lake");
        ExportFixtures.ingest(spark, raw, lake, 0.05);
    }

    @Test
    void xlsxHoldsTypedCellsMaskedPersonalDataADictionaryAndMetadata()
            throws IOException
    {
        Path out = directory.resolve("enterprises.xlsx");
        ExportJob.Result result = export(request("SELECT credit_code, name, established, above_scale, legal_rep, phone, source_line FROM staged.enterprises ORDER BY credit_code", out));
        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.masked()).containsExactly("staged.enterprises.legal_rep", "staged.enterprises.phone");
        try (InputStream input = Files.newInputStream(out); XSSFWorkbook workbook = new XSSFWorkbook(input)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(workbook.getSheetName(0)).isEqualTo("数据");
            assertThat(workbook.getSheetName(1)).isEqualTo("字段说明");
            assertThat(workbook.getSheetName(2)).isEqualTo("元数据");
            Sheet data = workbook.getSheetAt(0);
            Row header = data.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("credit_code");
            assertThat(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(data.getPaneInformation().isFreezePane()).isTrue();
            assertThat(((org.apache.poi.xssf.usermodel.XSSFSheet) data).getCTWorksheet().isSetAutoFilter()).isTrue();
            Row first = data.getRow(1);
            Cell formula = first.getCell(1);
            assertThat(formula.getCellType()).isEqualTo(CellType.STRING);
            assertThat(formula.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x\")");
            assertThat(first.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(first.getCell(2))).isTrue();
            assertThat(first.getCell(2).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2010, 1, 1));
            assertThat(first.getCell(3).getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(first.getCell(3).getBooleanCellValue()).isTrue();
            assertThat(first.getCell(4).getStringCellValue()).isEqualTo("张**");
            assertThat(first.getCell(5).getStringCellValue()).isEqualTo("138****5678");
            assertThat(first.getCell(6).getNumericCellValue()).isEqualTo(2.0);
            Row second = data.getRow(2);
            assertThat(second.getCell(1).getStringCellValue()).isEqualTo("宁波,港口\"机械\"\n有限公司");
            assertThat(second.getCell(4).getStringCellValue()).isEqualTo("欧**");
            assertThat(second.getCell(5).getStringCellValue()).isEqualTo("057****4321");
            // CJK text counts double: the name column is wider than the code column's minimum.
            assertThat(data.getColumnWidth(1)).isGreaterThan(data.getColumnWidth(3));
            Sheet dictionary = workbook.getSheetAt(1);
            assertThat(dictionary.getRow(1).getCell(0).getStringCellValue()).isEqualTo("credit_code");
            assertThat(dictionary.getRow(1).getCell(2).getStringCellValue()).contains("GB 32100");
            assertThat(dictionary.getRow(5).getCell(4).getStringCellValue()).isEqualTo("是");
            Sheet metadata = workbook.getSheetAt(2);
            assertThat(metadata.getRow(1).getCell(1).getStringCellValue()).startsWith("SELECT credit_code");
            assertThat(metadata.getRow(3).getCell(1).getStringCellValue()).isEqualTo("2");
            assertThat(text(metadata)).contains("staged.enterprises（运行 ").contains("staged.enterprises.legal_rep, staged.enterprises.phone");
        }
    }

    @Test
    void anExportLeavesTheSharedSessionsConfigurationAsItWas()
            throws IOException
    {
        String key = "spark.sql.files.maxPartitionBytes";
        String before = spark.conf().getOption(key).getOrElse(() -> null);
        export(request("SELECT case_id FROM staged.cases", directory.resolve("conf.csv")));
        String after = spark.conf().getOption(key).getOrElse(() -> null);
        assertThat(after).isEqualTo(before);
        spark.conf().set(key, "12345678");
        try {
            export(request("SELECT case_id FROM staged.cases", directory.resolve("conf.csv")));
            assertThat(spark.conf().get(key)).isEqualTo("12345678");
        }
        finally {
            if (before == null) {
                spark.conf().unset(key);
            }
            else {
                spark.conf().set(key, before);
            }
        }
    }

    @Test
    void amountsAreNumbersWithFormatsAndSheetsContinue()
            throws IOException
    {
        Path out = directory.resolve("cases.xlsx");
        ExportJob.Request request = new ExportJob.Request(Optional.empty(), Optional.of("staged.cases"), Optional.of("fine >= 2000"), List.of("case_id", "fine", "opened_on"),
                out, StandardCharsets.UTF_8, false, false, List.of(), false, 2, TIMEOUT);
        assertThat(export(request).rows()).isEqualTo(4);
        try (InputStream input = Files.newInputStream(out); XSSFWorkbook workbook = new XSSFWorkbook(input)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(4);
            assertThat(workbook.getSheetName(1)).isEqualTo("data (2)");
            assertThat(workbook.getSheetName(2)).isEqualTo("dictionary");
            Cell fine = workbook.getSheetAt(0).getRow(1).getCell(1);
            assertThat(fine.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(fine.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(workbook.getSheetAt(2).getRow(2).getCell(3).getStringCellValue()).isEqualTo("元");
            assertThat(workbook.getSheetAt(1).getLastRowNum()).isEqualTo(2);
        }
    }

    @Test
    void csvHasABomQuotesAndNoFormulas()
            throws IOException
    {
        Path out = directory.resolve("enterprises.csv");
        export(request("SELECT name, legal_rep, established FROM staged.enterprises ORDER BY credit_code", out));
        byte[] bytes = Files.readAllBytes(out);
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFFname,legal_rep,established\r\n"
                + "\"'=HYPERLINK(\"\"http://x\"\")\",张**,2010-01-01\r\n"
                + "\"宁波,港口\"\"机械\"\"\n有限公司\",欧**,2012-03-04\r\n");
        Path gbk = directory.resolve("finance.csv");
        ExportJob.Request request = new ExportJob.Request(Optional.empty(), Optional.of("staged.finance"), Optional.empty(), List.of("credit_code", "output_value", "patents"),
                gbk, Charset.forName("GB18030"), false, false, List.of(), true, 1_048_575, TIMEOUT);
        export(request);
        assertThat(Files.readString(gbk, Charset.forName("GB18030"))).startsWith("credit_code,output_value,patents\r\n")
                .contains(A + ",1234.56,12\r\n").contains(B + ",50,\r\n");
    }

    @Test
    void personalDataStaysMaskedUnlessConfAllowsUnmasking()
            throws IOException
    {
        Path out = directory.resolve("people.csv");
        assertThatThrownBy(() -> export(new ExportJob.Request(Optional.of("SELECT legal_rep FROM staged.enterprises"), Optional.empty(), Optional.empty(), List.of(),
                out, StandardCharsets.UTF_8, true, false, List.of(), true, 1_048_575, TIMEOUT)))
                .hasMessageContaining("--unmask is not allowed");
        // Renaming a personal column does not unmask it, and the dictionary still says it is masked.
        ExportJob.Result renamed = export(request("SELECT legal_rep AS boss, count(phone) AS phones FROM staged.enterprises GROUP BY legal_rep", out));
        assertThat(renamed.masked()).containsExactly("staged.enterprises.legal_rep", "staged.enterprises.phone");
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("张**,1").doesNotContain("三丰");
        // Where conf allows it, --unmask shows the values.
        ExportJob.Result clear = export(new ExportJob.Request(Optional.of("SELECT legal_rep, phone FROM staged.enterprises ORDER BY credit_code"), Optional.empty(), Optional.empty(), List.of(),
                out, StandardCharsets.UTF_8, true, true, List.of(), true, 1_048_575, TIMEOUT));
        assertThat(clear.masked()).isEmpty();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("张三丰,13812345678");
    }

    @Test
    void refusalsExitTwoWithOneLineAndWriteNothing()
    {
        String[] refused = {
                "DROP TABLE staged.enterprises",
                "INSERT INTO staged.cases SELECT * FROM staged.cases",
                "CREATE TABLE t AS SELECT 1",
                "SET spark.sql.ansi.enabled = false",
                "ADD JAR /tmp/evil.jar",
                "CACHE TABLE staged.cases",
                "SELECT 1; SELECT 2",
                "SELECT * FROM parquet.`/etc`",
                "SELECT * FROM csv.`/etc/passwd`",
                "SELECT reflect('java.lang.System', 'exit', '0')",
                "SELECT * FROM staged.cases WHERE fine > (SELECT max(java_method('java.lang.Math', 'random')) FROM staged.cases)",
                "WITH t AS (SELECT * FROM text.`/etc/hosts`) SELECT * FROM t",
                "SELECT * FROM unknown.table",
        };
        Path out = directory.resolve("refused.xlsx");
        for (String sql : refused) {
            CliRun output = CliRun.of("export", "--lake", lake.toString(), "--master", "local[2]", "--sql", sql, "--out", out.toString());
            assertThat(output.status()).as(sql).isEqualTo(2);
            assertThat(output.err().strip()).as(sql).startsWith("error: refused: ").doesNotContain("\n").doesNotContain("Exception");
            assertThat(out).doesNotExist();
        }
        CliRun where = CliRun.of("export", "--lake", lake.toString(), "--master", "local[2]", "--table", "staged.cases", "--where", "1=1; DROP TABLE staged.cases", "--out", out.toString());
        assertThat(where.status()).isEqualTo(2);
        assertThat(out).doesNotExist();
    }

    @Test
    void aQueryThatFailsMidwayLeavesNoFile()
            throws IOException
    {
        Path out = directory.resolve("failed.xlsx");
        assertThatThrownBy(() -> export(request("SELECT case_id, 1 / (fine - 3000) * 0 + 1 / 0 AS broken FROM staged.cases", out)))
                .isInstanceOf(ZhijianException.class).hasMessageContaining("nothing was written");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("failed") || name.startsWith(".failed"));
        }
    }

    private static ExportJob.Request request(String sql, Path out)
    {
        return new ExportJob.Request(Optional.of(sql), Optional.empty(), Optional.empty(), List.of(), out, StandardCharsets.UTF_8, false, false, List.of(), true, 1_048_575, TIMEOUT);
    }

    private static ExportJob.Result export(ExportJob.Request request)
            throws IOException
    {
        return new ExportJob(spark, lake.toString()).run(request);
    }

    private static String text(Sheet sheet)
    {
        StringBuilder text = new StringBuilder();
        for (Row row : sheet) {
            for (Cell cell : row) {
                text.append(cell.toString()).append('|');
            }
            text.append('\n');
        }
        return text.toString();
    }
}
