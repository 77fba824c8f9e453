package org.zhijian.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.schema.Rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhijian.ingest.IngestFixtures.REFERENCE;

/** What a raw file may make the readers hold: record length, workbook parts, encodings, line breaks. */
class TestReaderLimits
{
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Configuration HADOOP = new Configuration();
    private static final String CASES_HEADER = "case_id,county_code,violation,opened_on,fine\n";

    @TempDir
    Path directory;

    @Test
    void aRecordLongerThanTheLimitIsQuarantinedWithoutBeingHeldAndTheNextOnesRead()
            throws IOException
    {
        Path file = directory.resolve("cases.csv");
        try (OutputStream output = Files.newOutputStream(file)) {
            output.write(CASES_HEADER.getBytes(StandardCharsets.UTF_8));
            output.write("ZJ1,330106,其他,2025-01-01,1000\n".getBytes(StandardCharsets.UTF_8));
            output.write("ZJ2,330106,\"".getBytes(StandardCharsets.UTF_8));
            byte[] block = "很长的说明,还有逗号\n和换行".repeat(1000).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 100; i++) {
                output.write(block);
            }
            output.write("\",2025-01-02,2000\n".getBytes(StandardCharsets.UTF_8));
            output.write("ZJ3,330106,其他,2025-01-03,3000\n".getBytes(StandardCharsets.UTF_8));
        }
        List<RawRecord> records = read(file, RawFileInspector.Options.defaults());
        assertThat(records).hasSize(3);
        assertThat(records.get(0).fields()).containsExactly("ZJ1", "330106", "其他", "2025-01-01", "1000");
        RawRecord long_ = records.get(1);
        assertThat(long_.tooLong()).isTrue();
        assertThat(long_.line()).isEqualTo(3);
        assertThat(long_.text()).startsWith("ZJ2,330106,\"很长的说明").hasSizeLessThan(300);
        assertThat(long_.failure()).contains("bytes long");
        // The line count goes on through the long record's 100,000 quoted line breaks.
        assertThat(records.get(2).line()).isEqualTo(3 + 100_000 + 1);
        assertThat(records.get(2).fields()).containsExactly("ZJ3", "330106", "其他", "2025-01-03", "3000");
        RowValidator validator = new RowValidator(org.zhijian.schema.Datasets.CASES, ValidationReference.of(REFERENCE), IngestFixtures.AS_OF, false);
        RawSplit split = inspect(file, RawFileInspector.Options.defaults()).splits().get(0);
        org.apache.spark.sql.Row row = new IngestPipeline.ReadAndValidate(validator, new RowCompletion(org.zhijian.schema.Datasets.CASES, ValidationReference.of(REFERENCE), null), "run", null).toRow(split, long_);
        assertThat(row.toString()).contains(Rule.LINE_TOO_LONG.id()).contains("longer than ingest.max_line_bytes (1.0 MB)");
    }

    @Test
    void aFileWhoseFirstLineHasNoBreakWithinTheLimitIsRefused()
            throws IOException
    {
        Path file = directory.resolve("cases.csv");
        try (OutputStream output = Files.newOutputStream(file)) {
            byte[] block = new byte[1 << 16];
            java.util.Arrays.fill(block, (byte) 'x');
            for (int i = 0; i < 40; i++) {
                output.write(block);
            }
        }
        RawFileInspector.Inspection inspection = new RawFileInspector(HADOOP, REFERENCE.headerAliases(), RawFileInspector.Options.defaults())
                .inspect(new org.apache.hadoop.fs.Path(file.toUri()));
        assertThat(inspection.files()).isEmpty();
        assertThat(inspection.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.rule()).isEqualTo(Rule.FILE_UNREADABLE);
            assertThat(problem.message()).contains("no line break within 1.0 MB").contains("ingest.max_line_bytes");
        });
    }

    @Test
    void aFewDamagedBytesPastTheStartLeaveTheFileUtf8AndOnlyTheirLinesQuarantined()
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(CASES_HEADER.getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i <= 400; i++) {
            bytes.write(("ZJ" + i + ",330106,其他,2025-01-01," + i + "\n").getBytes(StandardCharsets.UTF_8));
            if (i == 300) {
                bytes.write(new byte[] {'Z', 'J', 'X', ',', (byte) 0xFF, (byte) 0xFE, (byte) 0x80, ',', (byte) 0xC3, '\n'});
            }
            if (i == 350) {
                bytes.write(new byte[] {'Z', 'J', 'Y', ',', 0, 0, 0, 1, 2, ',', 0, '\n'});
            }
        }
        Path file = directory.resolve("cases.csv");
        Files.write(file, bytes.toByteArray());
        InspectedFile inspected = inspect(file, RawFileInspector.Options.defaults());
        assertThat(inspected.encoding()).isEqualTo("UTF-8");
        assertThat(inspected.encodingNote()).contains("1 line is not UTF-8").contains("line 302");
        List<RawRecord> records = read(file, RawFileInspector.Options.defaults());
        assertThat(records).hasSize(402);
        assertThat(records.stream().filter(RawRecord::undecodable).map(RawRecord::line).toList()).containsExactly(302L, 353L);
        assertThat(records.get(351).encodingProblem()).contains("NUL bytes");
        assertThat(records.get(0).fields()).containsExactly("ZJ1", "330106", "其他", "2025-01-01", "1");
        assertThat(records.get(300).encodingProblem()).isEqualTo(Rule.ROW_ENCODING.message("UTF-8") + " (the file mixes encodings)");
    }

    @Test
    void mixedEncodingsAreReadInTheMajorsEncodingAndTheOtherLinesNamed()
            throws IOException
    {
        for (Charset major : List.of(StandardCharsets.UTF_8, GB18030)) {
            Charset minor = major.equals(StandardCharsets.UTF_8) ? GB18030 : StandardCharsets.UTF_8;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(CASES_HEADER.getBytes(StandardCharsets.UTF_8));
            for (int i = 1; i <= 10; i++) {
                bytes.write(("ZJ" + i + ",330106,其他,2025-01-01," + i + "\n").getBytes(i == 4 || i == 7 ? minor : major));
            }
            Path file = directory.resolve("cases.csv");
            Files.write(file, bytes.toByteArray());
            InspectedFile inspected = inspect(file, RawFileInspector.Options.defaults());
            assertThat(inspected.encoding()).as(major.name()).startsWith(major.equals(StandardCharsets.UTF_8) ? "UTF-8" : "GB18030");
            assertThat(inspected.encodingNote()).as(major.name())
                    .contains("2 lines").contains("line 5");
            List<RawRecord> records = read(file, RawFileInspector.Options.defaults());
            assertThat(records.stream().filter(RawRecord::undecodable).map(RawRecord::line).toList()).as(major.name()).containsExactly(5L, 8L);
            assertThat(records.stream().filter(record -> !record.undecodable()).map(record -> record.fields().get(2)).distinct().toList()).containsExactly("其他");
            if (major.equals(GB18030)) {
                assertThat(records.get(3).encodingProblem()).isEqualTo("the line is UTF-8 while the file is GB18030 (the file mixes encodings)");
            }
        }
    }

    @Test
    void gbkLinesThatHappenToBeValidUtf8AreNotTakenForUtf8()
            throws IOException
    {
        // 未知 in GBK is CE B4 D6 AA: valid UTF-8 by chance (two two-byte sequences); 其他 is not.
        assertThat(Utf8Validator.isMultibyteUtf8("未知".getBytes(GB18030))).isFalse();
        assertThat(Utf8Validator.isMultibyteUtf8("未知".getBytes(StandardCharsets.UTF_8))).isTrue();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(CASES_HEADER.getBytes(GB18030));
        for (int i = 1; i <= 10; i++) {
            bytes.write(("ZJ" + i + ",330106," + (i % 5 == 0 ? "未知" : "其他") + ",2025-01-01," + i + "\n").getBytes(GB18030));
        }
        Path file = directory.resolve("cases.csv");
        Files.write(file, bytes.toByteArray());
        InspectedFile inspected = inspect(file, RawFileInspector.Options.defaults());
        assertThat(inspected.encoding()).isEqualTo("GB18030 (detected)");
        assertThat(inspected.encodingNote()).isEmpty();
        List<RawRecord> records = read(file, RawFileInspector.Options.defaults());
        assertThat(records).noneMatch(RawRecord::undecodable);
        assertThat(records.get(4).fields().get(2)).isEqualTo("未知");
    }

    @Test
    void aQuotedBareCrStaysInItsFieldAsLfAndCrlfDoAtEverySplit()
            throws IOException
    {
        String text = CASES_HEADER + "ZJ1,330106,\"其他\r说明\",2025-01-01,1000\n"
                + "ZJ2,330106,\"其他\r\n说明\",2025-01-02,2000\r"
                + "ZJ3,330106,\"其他\n说明\",2025-01-03,3000\r\n"
                + "ZJ4,330106,\"\r\",2025-01-04,4000\n";
        Path file = directory.resolve("cases.csv");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        for (long splitBytes : List.of(1L, 7L, 64L, 1L << 20)) {
            RawFileInspector.Options options = new RawFileInspector.Options(Optional.empty(), Optional.empty(), splitBytes);
            List<RawRecord> records = new ArrayList<>();
            for (RawSplit split : inspect(file, options).splits()) {
                try (SplitReader.Records reader = SplitReader.open(split, HADOOP)) {
                    reader.forEachRemaining(records::add);
                }
            }
            assertThat(records).as("split " + splitBytes).extracting(record -> record.fields().get(2)).containsExactly("其他\r说明", "其他\r\n说明", "其他\n说明", "\r");
            assertThat(records).extracting(RawRecord::line).containsExactly(2L, 4L, 6L, 8L);
            assertThat(records).allSatisfy(record -> assertThat(record.fields()).hasSize(5));
        }
    }

    @Test
    void aWorkbookPartLargerThanItsLimitIsRefusedNamingThePart()
            throws IOException
    {
        Path folder = Files.createDirectories(directory.resolve("workbooks"));
        Path file = folder.resolve("cases.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream output = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet("cases");
            String[] header = CASES_HEADER.strip().split(",");
            for (int r = 0; r < 3000; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < header.length; c++) {
                    row.createCell(c).setCellValue(r == 0 ? header[c] : "文本" + r + "-" + c + "-" + "x".repeat(20));
                }
            }
            workbook.write(output);
        }
        ReaderLimits small = new ReaderLimits(1 << 20, 2L << 30, 64 << 10);
        RawFileInspector.Inspection inspection = new RawFileInspector(HADOOP, REFERENCE.headerAliases(),
                new RawFileInspector.Options(Optional.empty(), Optional.empty(), 1 << 20, small)).inspect(new org.apache.hadoop.fs.Path(folder.toUri()));
        assertThat(inspection.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.fileName()).isEqualTo("cases.xlsx");
            assertThat(problem.describe()).contains("/xl/sharedStrings.xml").contains("ingest.max_shared_strings_bytes").doesNotContain("\n");
        });
        ReaderLimits smallSheet = new ReaderLimits(1 << 20, 64 << 10, 64L << 20);
        assertThat(new RawFileInspector(HADOOP, REFERENCE.headerAliases(), new RawFileInspector.Options(Optional.empty(), Optional.empty(), 1 << 20, smallSheet))
                .inspect(new org.apache.hadoop.fs.Path(folder.toUri())).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.describe()).contains("/xl/worksheets/sheet1.xml").contains("ingest.max_sheet_bytes"));
        // A part that hides its size is cut off once it inflates past the limit.
        try (InputStream limited = ReaderLimits.limited(new java.io.ByteArrayInputStream(new byte[5000]), 4096, "/xl/sharedStrings.xml", "ingest.max_shared_strings_bytes")) {
            assertThatThrownBy(() -> limited.readAllBytes()).isInstanceOf(IOException.class).hasMessageContaining("more than 4.0 KB");
        }
    }

    @Test
    void aSharedStringsBombThatHidesItsSizeIsRefusedUnderASmallHeapAndTheOtherFilesLoad()
            throws Exception
    {
        Path raw = Files.createDirectories(directory.resolve("raw"));
        Files.writeString(raw.resolve("cases.csv"), CASES_HEADER + "ZJ1,330106,其他,2025-01-01,1000\nZJ2,330106,其他,2025-01-02,2000\n");
        Path bomb = raw.resolve("inspections.xlsx");
        writeBomb(bomb, 400L << 20);
        assertThat(Files.size(bomb)).isLessThan(40L << 20);
        List<String> command = org.zhijian.ChildJvm.cli(List.of("-Xmx512m"), "validate", "--input", raw.toString(), "--master", "local[2]", "--as-of", "2026-11-27");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(output).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
        assertThat(output.lines().filter(line -> line.contains("inspections.xlsx")).toList()).as(output).singleElement().asString()
                .contains("/xl/sharedStrings.xml").contains("more than 64.0 MB").contains("ingest.max_shared_strings_bytes");
        assertThat(output.lines().filter(line -> line.startsWith("cases ")).toList()).as(output).singleElement().asString().matches("cases\\s+1\\s+2\\s+2\\s+0.*");
    }

    /**
     * A workbook whose shared-strings part inflates to {@code inflated} bytes at a ratio above POI's
     * zip-bomb floor (1%), and whose zip directory says the part is 1 KB.
     */
    private static void writeBomb(Path file, long inflated)
            throws IOException
    {
        ByteArrayOutputStream template = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            var row = workbook.createSheet("inspections").createRow(0);
            String[] header = {"batch_id", "county_code", "category", "plan_level", "sampled_on", "result"};
            for (int c = 0; c < header.length; c++) {
                row.createCell(c).setCellValue(header[c]);
            }
            workbook.write(template);
        }
        Random random = new Random(7);
        try (ZipInputStream input = new ZipInputStream(new java.io.ByteArrayInputStream(template.toByteArray()));
                ZipOutputStream output = new ZipOutputStream(Files.newOutputStream(file))) {
            output.setLevel(1);
            ZipEntry entry;
            while ((entry = input.getNextEntry()) != null) {
                output.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/sharedStrings.xml")) {
                    byte[] original = input.readAllBytes();
                    String xml = new String(original, StandardCharsets.UTF_8);
                    int items = xml.indexOf("<si>");
                    output.write(xml.substring(0, items).getBytes(StandardCharsets.UTF_8));
                    output.write(xml.substring(items, xml.lastIndexOf("</sst>")).getBytes(StandardCharsets.UTF_8));
                    byte[] filler = ("<si><t>" + "a".repeat(2000)).getBytes(StandardCharsets.UTF_8);
                    byte[] noise = new byte[24];
                    for (long written = 0; written < inflated; written += filler.length + noise.length + 13) {
                        output.write(filler);
                        for (int i = 0; i < noise.length; i++) {
                            noise[i] = (byte) ('a' + random.nextInt(26));
                        }
                        output.write(noise);
                        output.write("</t></si>\n".getBytes(StandardCharsets.UTF_8));
                    }
                    output.write("</sst>".getBytes(StandardCharsets.UTF_8));
                }
                else {
                    input.transferTo(output);
                }
                output.closeEntry();
            }
        }
        hideSize(file, "xl/sharedStrings.xml", 1024);
    }

    /** Rewrites the uncompressed size the zip's central directory gives an entry. */
    private static void hideSize(Path file, String name, int size)
            throws IOException
    {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (int i = bytes.length - 46; i >= 0; i--) {
            if (buffer.getInt(i) == 0x02014b50 && buffer.getShort(i + 28) == wanted.length
                    && java.util.Arrays.equals(bytes, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
                buffer.putInt(i + 24, size);
                found = true;
            }
        }
        assertThat(found).isTrue();
        Files.write(file, bytes);
    }

    private static List<RawRecord> read(Path file, RawFileInspector.Options options)
            throws IOException
    {
        List<RawRecord> records = new ArrayList<>();
        for (RawSplit split : inspect(file, options).splits()) {
            try (SplitReader.Records reader = SplitReader.open(split, HADOOP)) {
                reader.forEachRemaining(records::add);
            }
        }
        return records;
    }

    private static InspectedFile inspect(Path file, RawFileInspector.Options options)
            throws IOException
    {
        RawFileInspector.Inspection inspection = new RawFileInspector(HADOOP, REFERENCE.headerAliases(), options).inspect(new org.apache.hadoop.fs.Path(file.toUri()));
        assertThat(inspection.problems()).isEmpty();
        return inspection.files().get(0);
    }
}
