package org.zhijian.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFPicture;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A workbook as text, one line per non-empty cell ({@code sheet!A1 <tab> value as shown}) and one
 * per picture ({@code sheet picture at A1}): what two workbooks must share to say they show the
 * same thing. Tests read workbooks through it; run as a program it prints a workbook, for
 * comparing a report before and after a change with diff.
 */
public final class WorkbookDump
{
    private WorkbookDump() {}

    public static List<String> lines(Path workbook)
            throws IOException
    {
        try (InputStream input = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(input)) {
            return lines(book);
        }
    }

    public static List<String> lines(XSSFWorkbook book)
    {
        DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
        List<String> lines = new ArrayList<>();
        for (Sheet sheet : book) {
            lines.add("sheet " + sheet.getSheetName());
            for (Row row : sheet) {
                for (Cell cell : row) {
                    String shown = formatter.formatCellValue(cell);
                    if (!shown.isEmpty()) {
                        lines.add(sheet.getSheetName() + "!" + cell.getAddress() + "\t" + shown);
                    }
                }
            }
            XSSFDrawing drawing = ((XSSFSheet) sheet).getDrawingPatriarch();
            if (drawing != null) {
                drawing.getShapes().stream().filter(XSSFPicture.class::isInstance).map(XSSFPicture.class::cast).forEach(picture -> lines.add(sheet.getSheetName()
                        + " picture at " + new org.apache.poi.ss.util.CellAddress(picture.getClientAnchor().getRow1(), picture.getClientAnchor().getCol1())));
            }
        }
        return lines;
    }

    public static void main(String[] args)
            throws IOException
    {
        lines(Path.of(args[0])).forEach(System.out::println);
    }
}
