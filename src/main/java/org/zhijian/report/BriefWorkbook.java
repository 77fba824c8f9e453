package org.zhijian.report;

import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

import static java.util.Objects.requireNonNull;

/**
 * The brief as an XLSX workbook: one sheet per section of its {@link BriefView} — the summary
 * (headline indicators with status colours, 同比, 环比 and the generated sentences), the blocks
 * (each a titled table with its chart beside it, a page of its own when printed) and the method
 * notes.
 */
public final class BriefWorkbook
{
    private final BriefView view;
    private final Map<String, Charts.Rendered> charts;
    private ReportWorkbook book;

    /** {@code charts} holds every figure of the view rendered, by id ({@link Charts#renderAll}). */
    public BriefWorkbook(BriefView view, Map<String, Charts.Rendered> charts)
    {
        this.view = requireNonNull(view, "view is null");
        this.charts = requireNonNull(charts, "charts is null");
    }

    /** Writes the workbook through {@code book}, whose charts then hold the ones drawn. */
    public void write(ReportWorkbook book)
    {
        this.book = requireNonNull(book, "book is null");
        for (BriefView.Section section : view.sections()) {
            if (section instanceof BriefView.Summary summary) {
                summary(book.sheet(summary.name(), new int[] {34, 14, 10, 12, 10, 16, 16}), summary);
            }
            else if (section instanceof BriefView.Notes notes) {
                notes(book.sheet(notes.name(), new int[] {28, 30, 80, 10}), notes);
            }
            else if (section instanceof BriefView.Blocks blocks) {
                blocks(book.sheet(blocks.name(), blocks.widths().stream().mapToInt(Integer::intValue).toArray()), blocks);
            }
        }
    }

    private void summary(Sheet sheet, BriefView.Summary summary)
    {
        book.title(sheet, 0, summary.title());
        sheet.createRow(1).createCell(0).setCellValue(summary.subtitle());
        book.header(sheet, 3, summary.header().toArray(String[]::new));
        int r = rows(sheet, 4, summary.rows());
        if (summary.yearTitle().isPresent()) {
            r++;
            book.bold(sheet, r++, summary.yearTitle().get());
            r = rows(sheet, r, summary.yearRows());
        }
        sheet.createFreezePane(0, 4);
        r++;
        book.bold(sheet, r, summary.highlightsTitle());
        for (String sentence : summary.sentences()) {
            sheet.createRow(++r).createCell(0).setCellValue("• " + sentence);
        }
        r += 2;
        book.note(sheet, r, summary.missingNote());
        // Below the sentences rather than beside the table, so the summary prints at full size.
        int chartRow = r + 2;
        summary.progress().ifPresent(figure -> embed(sheet, figure, 0, chartRow));
    }

    private int rows(Sheet sheet, int r, List<List<BriefView.Cell>> rows)
    {
        for (List<BriefView.Cell> cells : rows) {
            Row row = sheet.createRow(r++);
            for (int i = 0; i < cells.size(); i++) {
                cell(row, i, cells.get(i));
            }
        }
        return r;
    }

    /** A section of blocks: each block's title, table and notes down column A, its chart to the right of the widest table. */
    private void blocks(Sheet sheet, BriefView.Blocks section)
    {
        List<Integer> widths = section.widths();
        book.title(sheet, 0, section.title());
        int r = 2;
        for (BriefView.Block block : section.blocks()) {
            if (r > 2) {
                // Each block prints on a page of its own, so no chart is cut in two.
                sheet.setRowBreak(r - 1);
            }
            int top = r;
            book.bold(sheet, r++, block.title());
            book.header(sheet, r++, block.headers().toArray(String[]::new));
            for (List<BriefView.Cell> cells : block.rows()) {
                Row row = sheet.createRow(r++);
                int lines = 1;
                for (int i = 0; i < cells.size(); i++) {
                    BriefView.Cell cell = cells.get(i);
                    cell(row, i, cell);
                    if ("wrap".equals(cell.style())) {
                        lines = Math.max(lines, ReportWorkbook.lines(cell.text(), widths.get(i)));
                    }
                }
                if (lines > 1) {
                    // Spreadsheet programs do not grow a row for wrapped text on opening: the row says how tall it is.
                    row.setHeightInPoints(15 * lines);
                }
            }
            if (block.empty().isPresent()) {
                sheet.createRow(r++).createCell(0).setCellValue(block.empty().get());
            }
            if (block.missingNote().isPresent()) {
                book.note(sheet, r++, block.missingNote().get());
            }
            if (block.note().isPresent()) {
                book.note(sheet, r++, block.note().get());
            }
            int bottom = r;
            if (block.chart().isPresent()) {
                BriefView.Figure figure = block.chart().get();
                embed(sheet, figure, block.headers().size(), top);
                bottom = Math.max(bottom, top + ReportWorkbook.chartRows(Charts.size(figure.chart()).height));
            }
            else if (block.noChart().isPresent()) {
                book.note(sheet, r++, block.noChart().get());
                bottom = r;
            }
            r = bottom + 2;
        }
        // One block: its header stays in view while scrolling a long table; several: the sheet's title.
        sheet.createFreezePane(0, section.blocks().size() == 1 ? 4 : 1);
    }

    /** The indicators' definitions, then the methods the definition explains (warnings, forecasts). */
    private void notes(Sheet sheet, BriefView.Notes notes)
    {
        book.header(sheet, 0, notes.header().toArray(String[]::new));
        int r = 1;
        for (BriefView.NoteRow note : notes.indicators()) {
            noteRow(sheet.createRow(r++), note);
        }
        if (!notes.methods().isEmpty()) {
            book.header(sheet, ++r, notes.methodsHeader().toArray(String[]::new));
            r++;
            for (BriefView.NoteRow method : notes.methods()) {
                noteRow(sheet.createRow(r++), method);
            }
        }
        sheet.createFreezePane(0, 1);
    }

    private void noteRow(Row row, BriefView.NoteRow note)
    {
        String[] values = {note.id(), note.name(), note.definition(), note.unit()};
        for (int i = 0; i < values.length; i++) {
            // The workbook's font and top alignment in every cell, so that a row reads level beside its wrapped definition.
            book.text(row, i, values[i], i == 2 ? "wrap" : "text");
        }
        int lines = ReportWorkbook.lines(note.definition(), row.getSheet().getColumnWidth(2) / 256);
        if (lines > 1) {
            row.setHeightInPoints(15 * lines);
        }
    }

    /** A cell of the view: a number in its format, or a text in its style (none: the sheet's default). */
    private void cell(Row row, int column, BriefView.Cell cell)
    {
        if (cell.isNumber()) {
            book.number(row, column, cell.number(), cell.format());
        }
        else if (cell.style() == null) {
            row.createCell(column).setCellValue(cell.text());
        }
        else {
            book.text(row, column, cell.text(), cell.style());
        }
    }

    private void embed(Sheet sheet, BriefView.Figure figure, int column, int row)
    {
        book.embed(sheet, figure.id(), requireNonNull(charts.get(figure.id()), () -> "no rendering of chart " + figure.id()), column, row);
    }
}
