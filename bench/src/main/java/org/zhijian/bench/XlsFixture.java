package org.zhijian.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.zhijian.io.CsvReader;
import org.zhijian.io.CsvRecord;
import org.zhijian.io.CsvWriter;

/**
 * The .xls benchmark's inputs: the header and first 65,535 records of a raw inspections.csv as
 * a full Excel 97-2003 sheet (65,536 rows, the format's limit), and the same records as CSV, so
 * that reading one can be timed against reading the other.
 *
 *   XlsFixture RAW_CSV XLS_DIR CSV_DIR
 */
public final class XlsFixture
{
    private static final int ROWS = 65_536;

    private XlsFixture() {}

    public static void main(String[] args)
            throws Exception
    {
        Path source = Path.of(args[0]);
        Path xls = Files.createDirectories(Path.of(args[1])).resolve("监督抽查结果.xls");
        Path csv = Files.createDirectories(Path.of(args[2])).resolve("监督抽查结果.csv");
        int written = 0;
        try (BufferedReader input = Files.newBufferedReader(source, StandardCharsets.UTF_8); CsvReader reader = new CsvReader(input);
                BufferedWriter output = Files.newBufferedWriter(csv, StandardCharsets.UTF_8); HSSFWorkbook book = new HSSFWorkbook()) {
            HSSFSheet sheet = book.createSheet("inspections");
            while (written < ROWS && reader.hasNext()) {
                CsvRecord record = reader.next();
                List<String> fields = record.fields();
                HSSFRow row = sheet.createRow(written++);
                for (int i = 0; i < fields.size(); i++) {
                    row.createCell(i).setCellValue(fields.get(i));
                }
                output.write(CsvWriter.line(fields));
                output.write('\n');
            }
            try (OutputStream out = Files.newOutputStream(xls)) {
                book.write(out);
            }
        }
        System.out.println("RESULT rows=" + written + " xls_bytes=" + Files.size(xls) + " csv_bytes=" + Files.size(csv));
    }
}
