package org.zhijian.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.util.Units;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jfree.chart.JFreeChart;

import static java.util.Objects.requireNonNull;

/**
 * What every zhijian workbook is made of: the named cell styles in one font, sheets set up to
 * print on A4 landscape, header rows, number cells ("—" when missing), notes, and charts drawn two
 * at a time and anchored over the cells they cover. The brief and the scenario workbooks both
 * write through this, so they look alike.
 */
public final class ReportWorkbook
        implements AutoCloseable
{
    public static final String MISSING = "—";
    /** A chart is shown at 576 x 320 px (its 2x image at 0.4), so a table and its chart fit a landscape page. */
    private static final double CHART_SCALE = 0.4;
    /** Rows a chart takes at its shown size over rows of at least 20 px, with a gap of two. */
    public static final int CHART_ROWS = chartRows(Charts.HEIGHT);

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final String fontName;
    private final Map<String, CellStyle> styles = new LinkedHashMap<>();
    private final java.util.concurrent.ExecutorService pool;
    private final List<Placement> placements = new ArrayList<>();
    private final Map<String, Charts.Rendered> rendered = new LinkedHashMap<>();

    public ReportWorkbook(String fontName)
    {
        this.fontName = requireNonNull(fontName, "fontName is null");
        pool = java.util.concurrent.Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "report-chart");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A new sheet with these column widths (in characters), set to print A4 landscape, fit to width. */
    public Sheet sheet(String name, int[] widths)
    {
        Sheet sheet = workbook.createSheet(name);
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        return sheet;
    }

    /** A sheet's title in large bold type. */
    public void title(Sheet sheet, int rowIndex, String title)
    {
        Row row = sheet.createRow(rowIndex);
        row.createCell(0).setCellValue(title);
        row.getCell(0).setCellStyle(style("title"));
        row.setHeightInPoints(24);
    }

    /** A bold line, such as a block's title. */
    public void bold(Sheet sheet, int rowIndex, String text)
    {
        Row row = sheet.getRow(rowIndex) == null ? sheet.createRow(rowIndex) : sheet.getRow(rowIndex);
        row.createCell(0).setCellValue(text);
        row.getCell(0).setCellStyle(style("bold"));
    }

    /** A header row, as tall as its longest header needs in its column (at most three lines). */
    public void header(Sheet sheet, int rowIndex, String[] columns)
    {
        Row header = sheet.createRow(rowIndex);
        int lines = 1;
        for (int i = 0; i < columns.length; i++) {
            header.createCell(i).setCellValue(columns[i]);
            header.getCell(i).setCellStyle(style("header"));
            lines = Math.max(lines, lines(columns[i], sheet.getColumnWidth(i) / 256));
        }
        header.setHeightInPoints(15 * Math.min(lines, 3));
    }

    /** An italic grey note. */
    public void note(Sheet sheet, int rowIndex, String note)
    {
        sheet.createRow(rowIndex).createCell(0).setCellValue(note);
        sheet.getRow(rowIndex).getCell(0).setCellStyle(style("note"));
    }

    /** A number in an Excel format, or "—" when missing. */
    public void number(Row row, int column, Double value, String format)
    {
        Cell cell = row.createCell(column);
        if (value == null || value.isNaN()) {
            cell.setCellValue(MISSING);
            cell.setCellStyle(style("missing"));
            return;
        }
        cell.setCellValue(value);
        cell.setCellStyle(style("number:" + format));
    }

    /** A text cell in a named style (text, wrap, bold, status_green/amber/red, missing). */
    public void text(Row row, int column, String value, String style)
    {
        Cell cell = row.createCell(column);
        cell.setCellValue(value == null ? MISSING : value);
        cell.setCellStyle(style(value == null ? "missing" : style));
    }

    /** Lines a text needs wrapped in a column so many characters wide: a CJK character takes two widths of a Latin one. */
    public static int lines(String text, int width)
    {
        int needed = text.codePoints().map(c -> c < 0x2E80 ? 1 : 2).sum();
        // A fifth in hand: office fonts set mixed Chinese, digits and punctuation wider than two and one (seen in LibreOffice's PDF of the prevention list).
        int usable = Math.max(1, width * 8 / 10 - 1);
        return Math.max(1, (needed + usable - 1) / usable);
    }

    /** The default rows a chart of this height (in CSS pixels) covers, with two to spare. */
    public static int chartRows(int height)
    {
        return (int) Math.ceil(height * 2 * CHART_SCALE / 20) + 2;
    }

    /** Starts drawing a chart, to be placed with its top-left corner at (column, row) when the workbook is written. */
    public void embed(Sheet sheet, String name, JFreeChart chart, int column, int row)
    {
        embed(sheet, name, chart, new java.awt.Dimension(Charts.WIDTH, Charts.HEIGHT), column, row);
    }

    /** As {@link #embed(Sheet, String, JFreeChart, int, int)}, drawn at this size. */
    public void embed(Sheet sheet, String name, JFreeChart chart, java.awt.Dimension size, int column, int row)
    {
        placements.add(new Placement(sheet, name, pool.submit(() -> Charts.render(chart, size)), column, row));
    }

    /** Places a chart rendered already, with its top-left corner at (column, row) when the workbook is written. */
    public void embed(Sheet sheet, String name, Charts.Rendered rendered, int column, int row)
    {
        placements.add(new Placement(sheet, name, java.util.concurrent.CompletableFuture.completedFuture(rendered), column, row));
    }

    /** Charts drawn, by file name (filled by {@link #write}). */
    public Map<String, Charts.Rendered> charts()
    {
        return rendered;
    }

    /** Places the charts and writes the workbook. */
    public void write(OutputStream output)
            throws IOException
    {
        for (Placement placement : placements) {
            place(placement);
        }
        workbook.write(output);
    }

    /**
     * Writes the workbook to a temp file beside {@code target} and moves it into place, so a reader
     * sees the old file or the new one, never half of one; readable by others like any report.
     */
    public void publish(Path target)
            throws IOException
    {
        publish(target, this::write);
    }

    /** What writes a file's content. */
    @FunctionalInterface
    public interface Content
    {
        void writeTo(OutputStream output)
                throws IOException;
    }

    /**
     * Writes a report file to a temp file beside {@code target} and moves it into place, so a
     * reader sees the old file or the new one, never half of one; readable by others like any report.
     */
    public static void publish(Path target, Content content)
            throws IOException
    {
        Files.createDirectories(target.toAbsolutePath().getParent());
        String name = target.getFileName().toString();
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".report-", name.substring(name.lastIndexOf('.')) + ".tmp");
        try {
            try (OutputStream output = Files.newOutputStream(temporary)) {
                content.writeTo(output);
            }
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes every chart drawn as {@code NAME<suffix>.png} and {@code .svg} under {@code directory}; returns the files. */
    public List<Path> writeCharts(Path directory, String suffix)
            throws IOException
    {
        return Charts.writeAll(rendered, directory, suffix);
    }

    @Override
    public void close()
            throws IOException
    {
        pool.shutdownNow();
        workbook.close();
    }

    /** A chart being drawn, and where it goes. */
    private record Placement(Sheet sheet, String name, java.util.concurrent.Future<Charts.Rendered> image, int column, int row) {}

    private void place(Placement placement)
            throws IOException
    {
        Charts.Rendered image = Charts.await(placement.image());
        rendered.put(placement.name(), image);
        int picture = workbook.addPicture(image.png(), Workbook.PICTURE_TYPE_PNG);
        XSSFDrawing drawing = (XSSFDrawing) placement.sheet().createDrawingPatriarch();
        // A two-cell anchor spanning the chart's shown size, a little way right of where it starts.
        // (POI's Picture.resize cannot start at column 0, so the anchor is computed here.)
        Sheet sheet = placement.sheet();
        int offset = 16;
        double width = image.width() * 2 * CHART_SCALE + offset;
        double height = image.height() * 2 * CHART_SCALE;
        ClientAnchor anchor = workbook.getCreationHelper().createClientAnchor();
        anchor.setCol1(placement.column());
        anchor.setDx1(Units.EMU_PER_PIXEL * offset);
        anchor.setRow1(placement.row());
        int column = placement.column();
        while (width > sheet.getColumnWidthInPixels(column)) {
            width -= sheet.getColumnWidthInPixels(column++);
        }
        anchor.setCol2(column);
        anchor.setDx2((int) Math.round(width * Units.EMU_PER_PIXEL));
        int row = placement.row();
        while (height > rowHeightInPixels(sheet, row)) {
            height -= rowHeightInPixels(sheet, row++);
        }
        anchor.setRow2(row);
        anchor.setDy2((int) Math.round(height * Units.EMU_PER_PIXEL));
        anchor.setAnchorType(ClientAnchor.AnchorType.MOVE_DONT_RESIZE);
        drawing.createPicture(anchor, picture);
    }

    private static double rowHeightInPixels(Sheet sheet, int index)
    {
        Row row = sheet.getRow(index);
        return (row == null ? sheet.getDefaultRowHeightInPoints() : row.getHeightInPoints()) * Units.PIXEL_DPI / Units.POINT_DPI;
    }

    /** A named style, made once: title, header, bold, text, wrap, note, missing, status_green|amber|red, number:FORMAT. */
    public CellStyle style(String name)
    {
        return styles.computeIfAbsent(name, key -> {
            XSSFCellStyle style = workbook.createCellStyle();
            XSSFFont font = workbook.createFont();
            font.setFontName(fontName);
            switch (key) {
                case "title" -> {
                    font.setBold(true);
                    font.setFontHeightInPoints((short) 16);
                }
                case "header", "bold" -> font.setBold(true);
                default -> {}
            }
            style.setFont(font);
            // Beside a wrapped text, every cell of the row reads from the top.
            style.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
            if (key.equals("header")) {
                style.setFillForegroundColor(new XSSFColor(new byte[] {(byte) 0xD9, (byte) 0xE1, (byte) 0xF2}));
                style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                style.setBorderBottom(BorderStyle.THIN);
                style.setWrapText(true);
            }
            if (key.startsWith("status_")) {
                int rgb = TrafficLight.parse(key.substring("status_".length()), "workbook style " + key).rgb();
                style.setFillForegroundColor(new XSSFColor(new byte[] {(byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb}));
                style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                style.setAlignment(HorizontalAlignment.CENTER);
            }
            if (key.equals("missing")) {
                style.setAlignment(HorizontalAlignment.RIGHT);
                font.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
            }
            if (key.equals("note")) {
                font.setItalic(true);
                font.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
            }
            if (key.equals("wrap")) {
                style.setWrapText(true);
            }
            if (key.startsWith("number:")) {
                style.setDataFormat(workbook.createDataFormat().getFormat(key.substring("number:".length())));
            }
            return style;
        });
    }
}
