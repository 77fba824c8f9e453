package org.zhijian.report;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The brief as it reads, whatever it is rendered to: every section's words, cells and charts,
 * built once from the data, the report definition and the query results
 * ({@link BriefViewBuilder}). {@link BriefWorkbook} renders it as sheets, {@link BriefHtml} as one
 * page — so a block defined once shows the same rows, numbers and chart in both.
 */
public record BriefView(String title, List<Section> sections)
{
    public BriefView
    {
        requireNonNull(title, "title is null");
        sections = List.copyOf(sections);
    }

    /** A sheet of the workbook, a part of the page. */
    public sealed interface Section
            permits Summary, Blocks, Notes
    {
        String id();

        /** The section's short name: the sheet's name, the page index's entry. */
        String name();
    }

    /**
     * One shown value: a number with the Excel format it reads in, or a text in a named style
     * (text, wrap, bold, missing, status_green|amber|red; null: the plain default).
     */
    public record Cell(Double number, String text, String format, String style)
    {
        public static final String MISSING = ReportWorkbook.MISSING;

        /** A number in a format, or "—" when there is none. */
        public static Cell number(Double value, String format)
        {
            return value == null || value.isNaN() ? missing() : new Cell(value, null, requireNonNull(format, "format is null"), null);
        }

        public static Cell text(String text, String style)
        {
            return text == null ? missing() : new Cell(null, text, null, style);
        }

        public static Cell missing()
        {
            return new Cell(null, MISSING, null, "missing");
        }

        public boolean isNumber()
        {
            return number != null;
        }
    }

    /** A chart and the name of its files under charts/. */
    public record Figure(String id, Chart chart)
    {
        public Figure
        {
            requireNonNull(id, "id is null");
            requireNonNull(chart, "chart is null");
        }
    }

    /**
     * The headline indicators of the period (and, for a quarter or a month, of its latest complete
     * year under {@code yearTitle}), the generated sentences and how far each target has come.
     */
    public record Summary(String id, String name, String title, String subtitle, List<String> header, List<List<Cell>> rows, Optional<String> yearTitle,
            List<List<Cell>> yearRows, String highlightsTitle, List<String> sentences, String missingNote, Optional<Figure> progress)
            implements Section
    {
        public Summary
        {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
            yearRows = List.copyOf(yearRows);
            sentences = List.copyOf(sentences);
        }
    }

    /** A section of blocks, each a titled table with its chart; {@code widths} are the columns' widths in characters, the widest any block wants. */
    public record Blocks(String id, String name, String title, List<Integer> widths, List<Block> blocks)
            implements Section
    {
        public Blocks
        {
            widths = List.copyOf(widths);
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * One block: its title, headers and rows of cells; {@code empty} says so when there are no
     * rows, {@code missingNote} explains the dashes when some value is missing, {@code note} is
     * the definition's own; {@code chart} when a value is known, else {@code noChart} when the
     * block has a chart but nothing to draw.
     */
    public record Block(String id, String title, List<String> headers, List<Integer> widths, List<List<Cell>> rows, Optional<String> empty,
            Optional<String> missingNote, Optional<String> note, Optional<Figure> chart, Optional<String> noChart)
    {
        public Block
        {
            headers = List.copyOf(headers);
            widths = List.copyOf(widths);
            rows = List.copyOf(rows);
        }
    }

    /** The catalogue's definitions, then the methods the definition explains. */
    public record Notes(String id, String name, List<String> header, List<NoteRow> indicators, List<String> methodsHeader, List<NoteRow> methods)
            implements Section
    {
        public Notes
        {
            header = List.copyOf(header);
            indicators = List.copyOf(indicators);
            methodsHeader = List.copyOf(methodsHeader);
            methods = List.copyOf(methods);
        }
    }

    public record NoteRow(String id, String name, String definition, String unit) {}

    /** Every chart of the brief by its id, in order. */
    public java.util.Map<String, Chart> charts()
    {
        java.util.Map<String, Chart> charts = new java.util.LinkedHashMap<>();
        for (Section section : sections) {
            if (section instanceof Summary summary) {
                summary.progress().ifPresent(figure -> charts.put(figure.id(), figure.chart()));
            }
            if (section instanceof Blocks blocks) {
                blocks.blocks().forEach(block -> block.chart().ifPresent(figure -> charts.put(figure.id(), figure.chart())));
            }
        }
        return charts;
    }
}
