package org.zhijian.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.apache.hadoop.conf.Configuration;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.io.CsvReader;
import org.zhijian.io.CsvRecord;
import org.zhijian.schema.SourceDataset;
import org.zhijian.schema.Rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhijian.ingest.IngestFixtures.REFERENCE;

/** Reading raw files: CSV splits, encodings, workbooks and refused files. */
class TestRawReading
{
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Configuration HADOOP = new Configuration();

    @TempDir
    Path directory;

    @Test
    void splitsAtAnySizeReadExactlyTheRecordsOfTheWholeFile()
            throws IOException
    {
        Random random = new Random(42);
        String[] pieces = {"plain", "逗号,在内", "引号\"\"双写", "换行\n在内", "回车\r\n换行", "单独\r回车", "", "ISO 9001:2015", "a\"b"};
        for (Charset charset : List.of(StandardCharsets.UTF_8, GB18030)) {
            for (String lineEnd : List.of("\n", "\r\n")) {
                StringBuilder text = new StringBuilder(String.join(",", org.zhijian.schema.Datasets.STANDARDS.columnNames())).append(lineEnd);
                for (int i = 0; i < 300; i++) {
                    for (int f = 0; f < 9; f++) {
                        String piece = pieces[random.nextInt(pieces.length)];
                        boolean quote = piece.contains(",") || piece.contains("\"\"") || piece.contains("\n") || piece.contains("\r");
                        text.append(f > 0 ? "," : "").append(quote ? "\"" + piece + "\"" : piece);
                    }
                    text.append(lineEnd);
                }
                Path file = directory.resolve("standards.csv");
                Files.write(file, text.toString().getBytes(charset));
                List<CsvRecord> whole = new ArrayList<>();
                try (CsvReader reader = new CsvReader(new StringReader(text.toString()))) {
                    reader.next();
                    reader.forEachRemaining(whole::add);
                }
                for (long splitBytes : new long[] {1, 7, 100, 1 << 20}) {
                    InspectedFile inspected = inspect(file, new RawFileInspector.Options(Optional.empty(), Optional.empty(), splitBytes));
                    assertThat(inspected.encoding()).startsWith(charset.equals(GB18030) ? "GB18030" : "UTF-8");
                    List<RawRecord> read = new ArrayList<>();
                    for (RawSplit split : inspected.splits()) {
                        try (SplitReader.Records records = SplitReader.open(split, HADOOP)) {
                            records.forEachRemaining(read::add);
                        }
                    }
                    assertThat(read).as("%s %s split %d", charset, lineEnd.length(), splitBytes).hasSameSizeAs(whole);
                    for (int i = 0; i < whole.size(); i++) {
                        assertThat(read.get(i).line()).isEqualTo(whole.get(i).line());
                        assertThat(read.get(i).fields()).isEqualTo(whole.get(i).fields());
                        assertThat(read.get(i).undecodable()).isFalse();
                    }
                    if (splitBytes == 100) {
                        assertThat(inspected.splits().size()).isGreaterThan(10);
                    }
                }
            }
        }
    }

    @Test
    void encodingsAreDetectedAndChineseHeadersMapped()
            throws IOException
    {
        String text = "统一社会信用代码,年份,营业收入（万元）,备注\n91330106MA2H3K4L5X,2024,\"1,200.50\",说明\n";
        assertThat(encodingOf(text.getBytes(StandardCharsets.UTF_8))).isEqualTo("UTF-8");
        byte[] withBom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        assertThat(encodingOf(withBom)).isEqualTo("UTF-8 (BOM)");
        assertThat(encodingOf(text.getBytes(GB18030))).isEqualTo("GB18030 (detected)");
        Path file = directory.resolve("finance.csv");
        Files.write(file, text.getBytes(GB18030));
        InspectedFile inspected = inspect(file, RawFileInspector.Options.defaults());
        assertThat(inspected.ignoredHeaders()).containsExactly("备注");
        RawSplit split = inspected.splits().get(0);
        assertThat(split.mapping().sources(org.zhijian.schema.Datasets.FINANCE.columnIndex("sales_revenue"))).containsExactly(2);
        assertThat(split.mapping().sources(org.zhijian.schema.Datasets.FINANCE.columnIndex("patents"))).isEmpty();
        try (SplitReader.Records records = SplitReader.open(split, HADOOP)) {
            RawRecord record = records.next();
            assertThat(record.line()).isEqualTo(2);
            assertThat(record.fields()).containsExactly("91330106MA2H3K4L5X", "2024", "1,200.50", "说明");
        }
    }

    @Test
    void aForcedWrongEncodingMarksTheRowsItCannotDecode()
            throws IOException
    {
        Path file = directory.resolve("cases.csv");
        Files.write(file, "案件编号,区县代码\nZJ1,330106\nZJ2,杭州\n".getBytes(GB18030));
        RawFileInspector inspector = new RawFileInspector(HADOOP, REFERENCE.headerAliases(), new RawFileInspector.Options(Optional.of(StandardCharsets.UTF_8), Optional.empty(), 1 << 20));
        RawFileInspector.Inspection inspection = inspector.inspect(new org.apache.hadoop.fs.Path(file.toUri()));
        assertThat(inspection.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.rule()).isEqualTo(Rule.FILE_ENCODING);
            assertThat(problem.line()).isEqualTo(1);
        });
        Files.write(file, "case_id,county_code,violation,opened_on\nZJ1,330106,其他,2024-01-01\nZJ2,杭州,其他,2024-01-01\n".getBytes(GB18030));
        InspectedFile inspected = inspector.inspect(new org.apache.hadoop.fs.Path(file.toUri())).files().get(0);
        List<RawRecord> records = new ArrayList<>();
        try (SplitReader.Records reader = SplitReader.open(inspected.splits().get(0), HADOOP)) {
            reader.forEachRemaining(records::add);
        }
        assertThat(records).extracting(RawRecord::undecodable).containsExactly(true, true);
    }

    @Test
    void workbooksAreStreamedWithTypedCellsFromTheNamedSheet()
            throws IOException
    {
        Path file = directory.resolve("region_economy.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream output = Files.newOutputStream(file)) {
            workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("本表为区域经济数据");
            Sheet sheet = workbook.createSheet("区域经济");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
            String[] header = {"区县代码", "年份", "地区生产总值（亿元）", "规上工业总产值（亿元）", "常住人口", "乡镇数", "质监工作站数", "更新日期"};
            Row first = sheet.createRow(2);
            for (int i = 0; i < header.length; i++) {
                first.createCell(i).setCellValue(header[i]);
            }
            Row row = sheet.createRow(3);
            row.createCell(0).setCellValue("330106");
            row.createCell(1).setCellValue(2024);
            row.createCell(2).setCellValue(1234.56);
            row.createCell(3).setCellValue(12_345_678.9);
            row.createCell(5).setCellValue(true);
            row.createCell(7).setCellValue(LocalDate.of(2025, 3, 1));
            row.getCell(7).setCellStyle(date);
            workbook.write(output);
        }
        InspectedFile inspected = inspect(file, RawFileInspector.Options.defaults());
        assertThat(inspected.format()).isEqualTo(RawFormat.XLSX);
        assertThat(inspected.sheet()).isEqualTo("区域经济");
        assertThat(inspected.ignoredHeaders()).containsExactly("更新日期");
        try (SplitReader.Records records = SplitReader.open(inspected.splits().get(0), HADOOP)) {
            RawRecord record = records.next();
            assertThat(record.line()).isEqualTo(4);
            assertThat(record.fields()).containsExactly("330106", "2024", "1234.56", "12345678.9", "", "true", "", "2025-03-01");
            assertThat(records.hasNext()).isFalse();
        }
    }

    @Test
    void badFilesAreRefusedOneLineEachAndTheRestLoad()
            throws IOException
    {
        Files.write(directory.resolve("enterprises.csv"), new byte[0]);
        Files.write(directory.resolve("finance.csv"), new byte[] {0x50, 0x00, 0x01, 0x02, (byte) 0xFF, 0x00, 0x10});
        Files.writeString(directory.resolve("brands.csv"), "brand_id,county_code\nB1,330106\n");
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook(); java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream()) {
            book.createSheet("s").createRow(0).createCell(0).setCellValue("county_code");
            book.write(bytes);
            workbook = bytes.toByteArray();
        }
        Files.write(directory.resolve("region_economy.xlsx"), java.util.Arrays.copyOf(workbook, workbook.length / 2));
        Files.write(directory.resolve("cases.xls"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0});
        Files.write(directory.resolve("standards.csv"), "\uFEFFrecord_id".getBytes(StandardCharsets.UTF_16LE));
        Files.writeString(directory.resolve("inspections.csv"), "batch_id,county_code,category,plan_level,sampled_on,result\nCC1,330106,羽绒服装,省抽,2025-01-01,合格\n");
        Files.writeString(directory.resolve("notes.txt"), "not a dataset");
        Files.writeString(directory.resolve("_injected.csv"), "ignored");
        RawFileInspector.Inspection inspection = new RawFileInspector(HADOOP, REFERENCE.headerAliases(), RawFileInspector.Options.defaults())
                .inspect(new org.apache.hadoop.fs.Path(directory.toUri()));
        assertThat(inspection.files()).extracting(InspectedFile::fileName).containsExactly("inspections.csv");
        assertThat(inspection.skipped()).containsExactly("notes.txt");
        assertThat(inspection.problems()).extracting(problem -> problem.fileName() + " " + problem.rule().id()).containsExactlyInAnyOrder(
                "enterprises.csv file.empty",
                "finance.csv file.unreadable",
                "brands.csv file.missing_column",
                "region_economy.xlsx file.unreadable",
                "cases.xls file.unreadable",
                "standards.csv file.encoding");
        assertThat(inspection.problems()).allSatisfy(problem -> assertThat(problem.describe()).doesNotContain("Exception").doesNotContain("\n"));
        FileProblem missing = inspection.problems().stream().filter(problem -> problem.rule() == Rule.FILE_MISSING_COLUMN).findFirst().orElseThrow();
        assertThat(missing.describe()).isEqualTo("brands.csv:1 column industry_code: file.missing_column: required column 'industry_code (行业代码)' is missing from the header");
        assertThat(inspection.problems().stream().filter(problem -> problem.fileName().equals("cases.xls")).findFirst().orElseThrow().message())
                .contains("the workbook cannot be opened (truncated or damaged)");
    }

    private InspectedFile inspect(Path file, RawFileInspector.Options options)
            throws IOException
    {
        RawFileInspector.Inspection inspection = new RawFileInspector(HADOOP, REFERENCE.headerAliases(), options).inspect(new org.apache.hadoop.fs.Path(file.toUri()));
        assertThat(inspection.problems()).isEmpty();
        return inspection.files().get(0);
    }

    private String encodingOf(byte[] bytes)
            throws IOException
    {
        Path file = directory.resolve("finance.csv");
        Files.write(file, bytes);
        return inspect(file, RawFileInspector.Options.defaults()).encoding();
    }
}
