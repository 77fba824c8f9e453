package org.zhijian.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Workbooks shaped as bureaus publish them (DOMAIN.md, "Files as bureaus really have them"):
 * title rows merged across the table above the header, data rows, notes under it, and cells
 * merged down a column. Written with POI's user model, as .xlsx or .xls by the file's name.
 */
final class NoticeWorkbooks
{
    private NoticeWorkbooks() {}

    /** A merged area, rows and columns 0-based as POI counts them. */
    record Merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {}

    static Path write(Path file, String sheetName, List<String> titles, List<String> header, List<List<Object>> rows, List<String> notes, List<Merge> merges)
            throws IOException
    {
        try (Workbook book = file.getFileName().toString().endsWith(".xls") ? new HSSFWorkbook() : new XSSFWorkbook()) {
            Sheet sheet = book.createSheet(sheetName);
            int r = 0;
            for (String title : titles) {
                sheet.createRow(r).createCell(0).setCellValue(title);
                sheet.addMergedRegion(new CellRangeAddress(r, r, 0, header.size() - 1));
                r++;
            }
            Row headerRow = sheet.createRow(r++);
            for (int i = 0; i < header.size(); i++) {
                headerRow.createCell(i).setCellValue(header.get(i));
            }
            for (List<Object> values : rows) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    if (value instanceof Number number) {
                        row.createCell(i).setCellValue(number.doubleValue());
                    }
                    else if (value != null) {
                        row.createCell(i).setCellValue(value.toString());
                    }
                }
            }
            for (String note : notes) {
                sheet.createRow(r).createCell(0).setCellValue(note);
                sheet.addMergedRegion(new CellRangeAddress(r, r, 0, header.size() - 1));
                r++;
            }
            for (Merge merge : merges) {
                sheet.addMergedRegion(new CellRangeAddress(merge.firstRow(), merge.lastRow(), merge.firstColumn(), merge.lastColumn()));
            }
            try (OutputStream output = Files.newOutputStream(file)) {
                book.write(output);
            }
        }
        return file;
    }
}
