package org.zhijian.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jfree.chart.JFreeChart;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.indicators.IndicatorEngine;

import static java.util.Objects.requireNonNull;

/**
 * The brief as an XLSX workbook: summary (headline indicators with status colours, 同比, 环比 and
 * generated sentences), sampling by city with its chart, and method notes from the catalogue.
 * Missing figures show as "—", never as 0.
 */
public final class BriefWorkbook
{
    static final String MISSING = "—";

    private final BriefData data;
    private final IndicatorCatalogue catalogue;
    private final BriefText text;
    private final Charts charts;
    private final Map<String, Charts.Rendered> rendered = new LinkedHashMap<>();
    private XSSFWorkbook workbook;
    private final Map<String, CellStyle> styles = new LinkedHashMap<>();

    public BriefWorkbook(BriefData data, IndicatorCatalogue catalogue, BriefText text, Charts charts)
    {
        this.data = requireNonNull(data, "data is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.text = requireNonNull(text, "text is null");
        this.charts = requireNonNull(charts, "charts is null");
    }

    /** Charts drawn while writing, by file name. */
    public Map<String, Charts.Rendered> charts()
    {
        return rendered;
    }

    public void write(OutputStream output)
            throws IOException
    {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            workbook = book;
            summary(book.createSheet(text.sheet("summary")));
            sampling(book.createSheet(text.sheet("sampling")));
            notes(book.createSheet(text.sheet("notes")));
            book.write(output);
        }
    }

    private void summary(Sheet sheet)
    {
        setUp(sheet, new int[] {34, 14, 10, 12, 10, 16, 16});
        Row title = sheet.createRow(0);
        title.createCell(0).setCellValue(text.title(data.period()));
        title.getCell(0).setCellStyle(style("title"));
        sheet.createRow(1).createCell(0).setCellValue(text.subtitle(data.snapshot()));
        header(sheet, 3, text.summaryHeader());
        int r = 4;
        for (IndicatorCatalogue.Indicator indicator : catalogue.indicators()) {
            if (indicator.special() || !indicator.frequency().contains(data.period().type())) {
                continue;
            }
            Optional<BriefData.Value> value = data.value(indicator.id(), IndicatorEngine.PROVINCE);
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(text.name(indicator));
            number(row, 1, value.map(BriefData.Value::value).orElse(null), indicator.unit(), false);
            row.createCell(2).setCellValue(text.unit(indicator.unit()));
            number(row, 3, indicator.target(), indicator.unit(), false);
            String status = value.map(BriefData.Value::status).orElse(null);
            row.createCell(4).setCellValue(status == null ? MISSING : text.status(status));
            row.getCell(4).setCellStyle(style(status == null ? "text" : "status_" + status));
            number(row, 5, value.map(BriefData.Value::yoyChange).orElse(null), indicator.unit(), true);
            number(row, 6, value.map(BriefData.Value::popChange).orElse(null), indicator.unit(), true);
        }
        sheet.createFreezePane(0, 4);
        r++;
        sheet.createRow(r).createCell(0).setCellValue(text.highlightsTitle());
        sheet.getRow(r).getCell(0).setCellStyle(style("bold"));
        for (String sentence : new BriefSentences(data, text).sentences()) {
            sheet.createRow(++r).createCell(0).setCellValue("• " + sentence);
        }
        r += 2;
        sheet.createRow(r).createCell(0).setCellValue(text.missingNote());
    }

    private void sampling(Sheet sheet)
    {
        setUp(sheet, new int[] {14, 12, 12, 12, 14});
        header(sheet, 0, text.samplingHeader());
        Map<String, Double> bars = new LinkedHashMap<>();
        int r = 1;
        for (BriefData.Value city : data.cities("sampling_pass_rate")) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(city.regionName());
            number(row, 1, city.denominator(), "count", false);
            number(row, 2, city.numerator(), "count", false);
            number(row, 3, city.value(), "ratio", false);
            number(row, 4, city.yoyChange(), "ratio", true);
            bars.put(city.regionName(), city.value());
        }
        Optional<BriefData.Value> province = data.value("sampling_pass_rate", IndicatorEngine.PROVINCE);
        Row total = sheet.createRow(r);
        total.createCell(0).setCellValue(text.province());
        number(total, 1, province.map(BriefData.Value::denominator).orElse(null), "count", false);
        number(total, 2, province.map(BriefData.Value::numerator).orElse(null), "count", false);
        number(total, 3, province.map(BriefData.Value::value).orElse(null), "ratio", false);
        number(total, 4, province.map(BriefData.Value::yoyChange).orElse(null), "ratio", true);
        sheet.createFreezePane(0, 1);
        if (!bars.isEmpty()) {
            Double target = catalogue.indicator("sampling_pass_rate").map(IndicatorCatalogue.Indicator::target).orElse(null);
            JFreeChart chart = charts.rateBars(text.passRateChartTitle(data.period()), text.passRateAxis(), bars, target, text.targetLabel());
            embed(sheet, "sampling_pass_rate_by_city", chart, 6, 0);
        }
    }

    private void notes(Sheet sheet)
    {
        setUp(sheet, new int[] {28, 30, 80, 10});
        header(sheet, 0, text.notesHeader());
        int r = 1;
        for (IndicatorCatalogue.Indicator indicator : catalogue.indicators()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(indicator.id());
            row.createCell(1).setCellValue(text.name(indicator));
            row.createCell(2).setCellValue(text.definition(indicator));
            row.getCell(2).setCellStyle(style("wrap"));
            row.createCell(3).setCellValue(text.unit(indicator.unit()));
        }
        sheet.createFreezePane(0, 1);
    }

    private void header(Sheet sheet, int rowIndex, String[] columns)
    {
        Row header = sheet.createRow(rowIndex);
        for (int i = 0; i < columns.length; i++) {
            header.createCell(i).setCellValue(columns[i]);
            header.getCell(i).setCellStyle(style("header"));
        }
    }

    private void embed(Sheet sheet, String name, JFreeChart chart, int column, int row)
    {
        try {
            Charts.Rendered image = Charts.render(chart);
            rendered.put(name, image);
            int picture = workbook.addPicture(image.png(), Workbook.PICTURE_TYPE_PNG);
            XSSFDrawing drawing = (XSSFDrawing) sheet.createDrawingPatriarch();
            ClientAnchor anchor = workbook.getCreationHelper().createClientAnchor();
            anchor.setCol1(column);
            anchor.setRow1(row);
            anchor.setAnchorType(ClientAnchor.AnchorType.MOVE_DONT_RESIZE);
            // Shown at its 1× size (720 × 400 px): a 2× image scaled to half.
            drawing.createPicture(anchor, picture).resize(0.5);
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void number(Row row, int column, Double value, String unit, boolean change)
    {
        org.apache.poi.ss.usermodel.Cell cell = row.createCell(column);
        if (value == null || value.isNaN()) {
            cell.setCellValue(MISSING);
            cell.setCellStyle(style("missing"));
            return;
        }
        boolean rate = unit.equals("ratio");
        cell.setCellValue(change && rate ? value * 100 : value);
        String format = change
                ? rate ? text.pointsFormat() : unit.equals("count") ? "+#,##0;-#,##0;0" : "+#,##0.0;-#,##0.0;0.0"
                : rate ? "0.0%" : unit.equals("count") ? "#,##0" : "#,##0.0";
        cell.setCellStyle(style("number:" + format));
    }

    private void setUp(Sheet sheet, int[] widths)
    {
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
    }

    private CellStyle style(String name)
    {
        return styles.computeIfAbsent(name, key -> {
            XSSFCellStyle style = workbook.createCellStyle();
            XSSFFont font = workbook.createFont();
            font.setFontName(text.fontName());
            switch (key) {
                case "title" -> {
                    font.setBold(true);
                    font.setFontHeightInPoints((short) 16);
                }
                case "header", "bold" -> font.setBold(true);
                default -> {}
            }
            style.setFont(font);
            if (key.equals("header")) {
                style.setFillForegroundColor(new XSSFColor(new byte[] {(byte) 0xD9, (byte) 0xE1, (byte) 0xF2}));
                style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                style.setBorderBottom(BorderStyle.THIN);
                style.setWrapText(true);
            }
            if (key.startsWith("status_")) {
                int rgb = switch (key) {
                    case "status_green" -> 0xC6EFCE;
                    case "status_amber" -> 0xFFEB9C;
                    default -> 0xFFC7CE;
                };
                style.setFillForegroundColor(new XSSFColor(new byte[] {(byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb}));
                style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                style.setAlignment(HorizontalAlignment.CENTER);
            }
            if (key.equals("missing")) {
                style.setAlignment(HorizontalAlignment.RIGHT);
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
