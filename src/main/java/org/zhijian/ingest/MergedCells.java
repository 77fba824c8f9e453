package org.zhijian.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.util.CellRangeAddress;
import org.zhijian.io.CsvWriter;

/**
 * A notice's cells merged down a column (产品种类 written once beside the batches it covers):
 * Excel keeps the value in the area's first cell only, so the rows below get it filled in, in
 * the area's first column. Areas within one row (a title or a note merged across the table) are
 * left alone. Records pass through in order; only the values of the areas' first cells are held.
 */
final class MergedCells
        implements SplitReader.Records
{
    private final SplitReader.Records records;
    /** Vertical areas by their first row (1-based, as record lines). */
    private final Map<Long, List<CellRangeAddress>> startingAt = new HashMap<>();
    private final List<Open> open = new ArrayList<>();

    private record Open(CellRangeAddress area, String value) {}

    private MergedCells(SplitReader.Records records, List<CellRangeAddress> areas)
    {
        this.records = records;
        for (CellRangeAddress area : areas) {
            if (area.getLastRow() > area.getFirstRow()) {
                startingAt.computeIfAbsent((long) area.getFirstRow() + 1, ignored -> new ArrayList<>()).add(area);
            }
        }
    }

    /** The records with their merged areas filled down; the records themselves when the sheet has none down a column. */
    static SplitReader.Records fill(SplitReader.Records records, List<CellRangeAddress> areas)
    {
        MergedCells merged = new MergedCells(records, areas);
        return merged.startingAt.isEmpty() ? records : merged;
    }

    @Override
    public boolean hasNext()
    {
        return records.hasNext();
    }

    @Override
    public RawRecord next()
    {
        RawRecord record = records.next();
        if (record.failure() != null) {
            return record;
        }
        long line = record.line();
        open.removeIf(area -> area.area().getLastRow() + 1 < line);
        List<String> fields = record.fields();
        boolean changed = false;
        for (Open area : open) {
            if (area.area().getFirstRow() + 1 < line) {
                int column = area.area().getFirstColumn();
                if (!changed) {
                    fields = new ArrayList<>(fields);
                    changed = true;
                }
                while (fields.size() <= column) {
                    fields.add("");
                }
                if (fields.get(column).isBlank()) {
                    fields.set(column, area.value());
                }
            }
        }
        for (CellRangeAddress area : startingAt.getOrDefault(line, List.of())) {
            int column = area.getFirstColumn();
            open.add(new Open(area, column < record.fields().size() ? record.fields().get(column) : ""));
        }
        return changed ? RawRecord.of(line, fields, CsvWriter.line(fields)) : record;
    }

    @Override
    public void close()
            throws IOException
    {
        records.close();
    }
}
