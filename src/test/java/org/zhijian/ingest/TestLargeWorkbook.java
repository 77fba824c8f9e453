package org.zhijian.ingest;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A 500,000-row sheet is read in a JVM whose heap could not hold the workbook (64 MB). */
class TestLargeWorkbook
{
    private static final int ROWS = 500_000;

    @TempDir
    Path directory;

    @Test
    void halfAMillionRowsStreamThroughASixtyFourMegabyteHeap()
            throws Exception
    {
        Path file = directory.resolve("cases.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); OutputStream output = Files.newOutputStream(file)) {
            workbook.setCompressTempFiles(true);
            Sheet sheet = workbook.createSheet("案件");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            String[] header = {"案件编号", "统一社会信用代码", "区县代码", "违法类型", "立案日期", "结案日期", "罚没款（元）", "货值金额（元）"};
            Row first = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                first.createCell(i).setCellValue(header[i]);
            }
            LocalDate opened = LocalDate.of(2020, 1, 1);
            for (int r = 1; r <= ROWS; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("ZJ" + r);
                row.createCell(2).setCellValue("330106");
                row.createCell(3).setCellValue("其他");
                row.createCell(4).setCellValue(opened.plusDays(r % 1500));
                row.getCell(4).setCellStyle(date);
                row.createCell(6).setCellValue(r * 10.5);
                row.createCell(7).setCellValue(r);
            }
            workbook.write(output);
            workbook.dispose();
        }
        List<String> command = org.zhijian.ChildJvm.command(List.of("-Xmx64m"), CountSheetRows.class.getName(), List.of(file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("rows=" + ROWS + " last=" + (ROWS + 1) + ":ZJ" + ROWS + ",,330106,其他," + LocalDate.of(2020, 1, 1).plusDays(ROWS % 1500) + ",,5250000,500000")
                .contains("maxHeapMb=");
    }
}
