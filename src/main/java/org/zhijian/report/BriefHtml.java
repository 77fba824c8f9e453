package org.zhijian.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;

import static java.util.Objects.requireNonNull;

/**
 * The brief as one self-contained HTML page for a phone, a desk and paper: the same
 * {@link BriefView} as the workbook, its charts as inline SVG, its styles inline, its fonts from
 * the system's font stack. It makes no request to anything (a content security policy refuses
 * every one) and needs no JavaScript.
 * <p>
 * On a phone the page never scrolls sideways: a table of more than {@value #NARROW_COLUMNS}
 * columns becomes one card per row, charts take the width, the section index stays at the top.
 * Printed, it is A4 portrait: each section from a new page, no chart cut in two, table headers
 * repeated on every page, page numbers at the foot.
 */
public final class BriefHtml
{
    /** Tables of up to this many columns stay tables on a phone; wider ones become cards. */
    static final int NARROW_COLUMNS = 3;

    private static final String FONTS = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", "
            + "\"WenQuanYi Micro Hei\", system-ui, sans-serif";

    private static final String STYLE = """
            :root { --ink: #1f2933; --muted: #5f6b76; --rule: #d9dee4; --head: #d9e1f2; --accent: #2f5597; }
            * { box-sizing: border-box; }
            html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
            body { margin: 0; font-family: FONTS; font-size: 16px; line-height: 1.6; color: var(--ink); background: #fff; }
            header.top { padding: 16px 16px 0; max-width: 1100px; margin: 0 auto; }
            h1 { font-size: 22px; line-height: 1.35; margin: 0 0 4px; }
            .subtitle { color: var(--muted); font-size: 14px; margin: 0 0 8px; }
            nav.index { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--rule); }
            nav.index ol { list-style: none; margin: 0 auto; padding: 8px 16px; max-width: 1100px; display: flex; gap: 6px 16px; overflow-x: auto; white-space: nowrap; }
            nav.index a { color: var(--accent); text-decoration: none; font-size: 15px; }
            main { max-width: 1100px; margin: 0 auto; padding: 0 16px 24px; }
            section.part { padding-top: 12px; scroll-margin-top: 48px; }
            h2 { font-size: 20px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; margin: 16px 0 8px; }
            h3 { font-size: 17px; margin: 20px 0 8px; }
            .highlights { background: #f4f7fb; border-left: 4px solid var(--accent); padding: 8px 12px 8px 8px; margin: 8px 0 16px; }
            .highlights h3 { margin: 2px 0 4px; }
            .highlights ul { margin: 0; padding-left: 20px; }
            .highlights li { margin: 4px 0; }
            .table-box { overflow-x: auto; margin: 8px 0; }
            table { border-collapse: collapse; width: 100%; font-size: 15px; }
            th { background: var(--head); text-align: left; font-weight: 600; padding: 6px 8px; border-bottom: 1px solid #9aa5b1; vertical-align: bottom; }
            td { padding: 5px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
            th.number { text-align: right; }
            td.number, td.missing { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            td.missing { color: #7f7f7f; }
            td.status_green { background: #c6efce; text-align: center; }
            td.status_amber { background: #ffeb9c; text-align: center; }
            td.status_red { background: #ffc7ce; text-align: center; }
            td.wrap { min-width: 16em; }
            p.note, p.empty { color: var(--muted); font-size: 14px; font-style: italic; margin: 4px 0; }
            p.empty { font-style: normal; }
            figure { margin: 12px 0 20px; max-width: 760px; }
            figure svg { display: block; width: 100%; height: auto; }
            figure figcaption, figure p.file { color: var(--muted); font-size: 14px; margin: 0; }
            figure p.file { text-align: right; word-break: break-all; }
            dl.notes dt { font-weight: 600; margin-top: 12px; }
            dl.notes dd { margin: 2px 0 0; }
            dl.notes .id { color: var(--muted); font-size: 14px; font-weight: 400; }
            footer { color: var(--muted); font-size: 14px; border-top: 1px solid var(--rule); padding: 12px 16px; max-width: 1100px; margin: 0 auto; }
            @media screen and (max-width: 640px) {
              h1 { font-size: 20px; }
              table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
              table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
              table.cards tr { border: 1px solid var(--rule); border-radius: 6px; margin: 0 0 10px; padding: 4px 0; }
              table.cards td { display: flex; justify-content: space-between; gap: 12px; border: 0; padding: 3px 10px; text-align: right; white-space: normal; }
              table.cards td::before { content: attr(data-label); color: var(--muted); text-align: left; flex: 0 0 42%; }
              table.cards td.wrap { display: block; text-align: left; min-width: 0; }
              table.cards td.wrap::before { display: block; }
              table.cards td:first-child { font-weight: 600; text-align: left; display: block; }
              table.cards td:first-child::before { display: none; }
            }
            @page { size: A4 portrait; margin: 14mm 12mm 16mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #5f6b76; } }
            @media print {
              body { font-size: 11pt; }
              nav.index { display: none; }
              header.top, main, footer { max-width: none; padding-left: 0; padding-right: 0; }
              section.part + section.part { break-before: page; }
              h2, h3 { break-after: avoid; }
              thead { display: table-header-group; }
              tr, figure, .highlights { break-inside: avoid; }
              table { font-size: 9.5pt; }
              figure { max-width: 140mm; margin: 4px 0 10px; }
              .table-box { overflow: visible; }
            }
            """.replace("FONTS", FONTS);

    private final BriefView view;
    private final Map<String, Charts.Rendered> charts;
    private final BriefText text;
    private final DataFormatter formatter = new DataFormatter(Locale.ROOT);

    /** {@code charts} holds every figure of the view rendered, by id. */
    public BriefHtml(BriefView view, Map<String, Charts.Rendered> charts, BriefText text)
    {
        this.view = requireNonNull(view, "view is null");
        this.charts = requireNonNull(charts, "charts is null");
        this.text = requireNonNull(text, "text is null");
    }

    /** The page. {@code chartFiles} is how the captions name the chart files (e.g. {@code charts/NAME.svg}), by figure id. */
    public String render(Map<String, String> chartFiles)
    {
        StringBuilder html = new StringBuilder(256 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(text.chinese() ? "zh-CN" : "en").append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // Nothing is fetched: no script, no font, no image but the inline ones.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>").append(escape(view.title())).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        String subtitle = view.sections().stream().filter(BriefView.Summary.class::isInstance).map(section -> ((BriefView.Summary) section).subtitle())
                .findFirst().orElse("");
        html.append("<header class=\"top\"><h1>").append(escape(view.title())).append("</h1>");
        if (!subtitle.isEmpty()) {
            html.append("<p class=\"subtitle\">").append(escape(subtitle)).append("</p>");
        }
        html.append("</header>\n<nav class=\"index\" aria-label=\"").append(escape(text.contents())).append("\"><ol>");
        for (BriefView.Section section : view.sections()) {
            html.append("<li><a href=\"#").append(anchor(section.id())).append("\">").append(escape(section.name())).append("</a></li>");
        }
        html.append("</ol></nav>\n<main>\n");
        int[] figure = {0};
        for (BriefView.Section section : view.sections()) {
            html.append("<section class=\"part\" id=\"").append(anchor(section.id())).append("\">\n");
            if (section instanceof BriefView.Summary summary) {
                summary(html, summary, figure, chartFiles);
            }
            else if (section instanceof BriefView.Blocks blocks) {
                html.append("<h2>").append(escape(blocks.title())).append("</h2>\n");
                for (BriefView.Block block : blocks.blocks()) {
                    block(html, block, figure, chartFiles);
                }
            }
            else if (section instanceof BriefView.Notes notes) {
                notes(html, notes);
            }
            html.append("</section>\n");
        }
        html.append("</main>\n<footer>").append(escape(view.title())).append(subtitle.isEmpty() ? "" : " · " + escape(subtitle)).append("</footer>\n</body>\n</html>\n");
        return html.toString();
    }

    /** The generated sentences first, then the headline table (and the year's), then how far each target has come. */
    private void summary(StringBuilder html, BriefView.Summary summary, int[] figure, Map<String, String> chartFiles)
    {
        html.append("<h2>").append(escape(summary.name())).append("</h2>\n");
        if (!summary.sentences().isEmpty()) {
            html.append("<div class=\"highlights\"><h3>").append(escape(summary.highlightsTitle())).append("</h3><ul>");
            summary.sentences().forEach(sentence -> html.append("<li>").append(escape(sentence)).append("</li>"));
            html.append("</ul></div>\n");
        }
        table(html, "headline", summary.header(), summary.rows());
        if (summary.yearTitle().isPresent()) {
            html.append("<h3>").append(escape(summary.yearTitle().get())).append("</h3>\n");
            table(html, "headline-year", summary.header(), summary.yearRows());
        }
        html.append("<p class=\"note\">").append(escape(summary.missingNote())).append("</p>\n");
        summary.progress().ifPresent(progress -> figure(html, progress, ++figure[0], chartFiles));
    }

    private void block(StringBuilder html, BriefView.Block block, int[] figure, Map<String, String> chartFiles)
    {
        html.append("<article class=\"block\" id=\"").append(anchor("block-" + block.id())).append("\">\n<h3>").append(escape(block.title())).append("</h3>\n");
        if (!block.rows().isEmpty()) {
            table(html, block.id(), block.headers(), block.rows());
        }
        block.empty().ifPresent(empty -> html.append("<p class=\"empty\">").append(escape(empty)).append("</p>\n"));
        block.missingNote().ifPresent(note -> html.append("<p class=\"note\">").append(escape(note)).append("</p>\n"));
        block.note().ifPresent(note -> html.append("<p class=\"note\">").append(escape(note)).append("</p>\n"));
        block.chart().ifPresent(chart -> figure(html, chart, ++figure[0], chartFiles));
        block.noChart().ifPresent(note -> html.append("<p class=\"note\">").append(escape(note)).append("</p>\n"));
        html.append("</article>\n");
    }

    /** A table; one of more than a few columns reads as cards on a phone, each cell labelled with its header. */
    private void table(StringBuilder html, String id, List<String> headers, List<List<BriefView.Cell>> rows)
    {
        html.append("<div class=\"table-box\"><table id=\"").append(anchor("table-" + id)).append("\"").append(headers.size() > NARROW_COLUMNS ? " class=\"cards\"" : "")
                .append(">\n<thead><tr>");
        for (int i = 0; i < headers.size(); i++) {
            int column = i;
            // A column of numbers is headed on the right, over its figures.
            boolean numbers = rows.stream().anyMatch(cells -> cells.get(column).isNumber());
            html.append("<th scope=\"col\"").append(numbers ? " class=\"number\"" : "").append(">").append(escape(headers.get(i))).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<BriefView.Cell> cells : rows) {
            html.append("<tr>");
            for (int i = 0; i < cells.size(); i++) {
                BriefView.Cell cell = cells.get(i);
                String style = cell.isNumber() ? "number" : cell.style();
                html.append("<td data-label=\"").append(escape(headers.get(i))).append("\"");
                if (style != null && !style.equals("text")) {
                    html.append(" class=\"").append(style).append("\"");
                }
                html.append(">").append(escape(display(cell))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table></div>\n");
    }

    /** The number as the workbook shows it, in the same Excel format; a text as it is. */
    String display(BriefView.Cell cell)
    {
        return cell.isNumber() ? formatter.formatRawCellContents(cell.number(), -1, cell.format()) : cell.text();
    }

    private void figure(StringBuilder html, BriefView.Figure figure, int number, Map<String, String> chartFiles)
    {
        Charts.Rendered rendered = requireNonNull(charts.get(figure.id()), () -> "no rendering of chart " + figure.id());
        // Its number above and its file below: printed, both land on the page the chart does (figures do not break).
        html.append("<figure id=\"").append(anchor("figure-" + figure.id())).append("\"><figcaption>").append(escape(text.figureNumber(number))).append("</figcaption>")
                .append(rendered.inlineSvg()).append("<p class=\"file\">").append(escape(chartFiles.getOrDefault(figure.id(), figure.id()))).append("</p></figure>\n");
    }

    private void notes(StringBuilder html, BriefView.Notes notes)
    {
        html.append("<h2>").append(escape(notes.name())).append("</h2>\n<dl class=\"notes\">\n");
        for (BriefView.NoteRow note : notes.indicators()) {
            note(html, note);
        }
        html.append("</dl>\n");
        if (!notes.methods().isEmpty()) {
            html.append("<h3>").append(escape(notes.methodsHeader().get(1))).append("</h3>\n<dl class=\"notes\">\n");
            notes.methods().forEach(method -> note(html, method));
            html.append("</dl>\n");
        }
    }

    private void note(StringBuilder html, BriefView.NoteRow note)
    {
        html.append("<dt>").append(escape(note.name())).append(note.unit().isEmpty() ? "" : text.chinese() ? "（" + escape(note.unit()) + "）" : " (" + escape(note.unit()) + ")")
                .append(" <span class=\"id\">").append(escape(note.id())).append("</span></dt><dd>").append(escape(note.definition())).append("</dd>\n");
    }

    /** An id made of letters, digits, - and _ only. */
    private static String anchor(String id)
    {
        return id.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** Text for an element or an attribute in double quotes. */
    static String escape(String value)
    {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
