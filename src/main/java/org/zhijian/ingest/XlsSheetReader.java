package org.zhijian.ingest;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.ExtendedFormatRecord;
import org.apache.poi.hssf.record.FormatRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.MulRKRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.RKRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.RecordFactoryInputStream;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.zhijian.io.CsvWriter;

/**
 * Streams the rows of one sheet of an Excel 97–2003 (.xls, BIFF8) workbook, record by record
 * through POI's record stream (the event API's reader, pulled rather than pushed): only the
 * workbook's shared strings and formats are held, never the sheet. Cells read as the XLSX
 * reader reads them — text as written, numbers without trailing zeros, dates (by their cell's
 * format) as yyyy-MM-dd, a formula by its cached value. Merged cells keep their value in the
 * first cell, as Excel stores them.
 */
final class XlsSheetReader
        extends SplitReader.ReadAhead
{
    private final POIFSFileSystem poifs;
    private final File temporary;
    private final InputStream stream;
    private final RecordFactoryInputStream records;
    private final Globals globals;
    private final long firstRow;
    private final List<String> cells = new ArrayList<>();
    private int currentRow = -1;
    private boolean ended;
    private long lastRow;
    /** A formula whose string result follows in a StringRecord. */
    private int pendingFormulaColumn = -1;

    /** What the workbook's globals say that every sheet needs: sheet names, shared strings, formats, the date system. */
    private static final class Globals
    {
        final List<String> sheets = new ArrayList<>();
        SSTRecord strings;
        final Map<Integer, String> formats = new HashMap<>();
        final List<Integer> cellFormats = new ArrayList<>();
        boolean date1904;
    }

    private XlsSheetReader(POIFSFileSystem poifs, File temporary, InputStream stream, RecordFactoryInputStream records, Globals globals, long firstRow)
    {
        this.poifs = poifs;
        this.temporary = temporary;
        this.stream = stream;
        this.records = records;
        this.globals = globals;
        this.firstRow = firstRow;
    }

    /** The workbook's sheet names, in order. */
    static List<String> sheetNames(FileSystem fs, Path path, ReaderLimits limits)
            throws IOException
    {
        try (XlsSheetReader reader = open(fs, path, null, 1, limits)) {
            return List.copyOf(reader.globals.sheets);
        }
    }

    /** The rows of {@code sheet} from row {@code firstRow} (1-based); {@code sheet} null reads the globals only. */
    static XlsSheetReader open(FileSystem fs, Path path, String sheet, long firstRow, ReaderLimits limits)
            throws IOException
    {
        File file = XlsxSheetReader.localFile(fs, path);
        File temporary = null;
        if (file == null) {
            temporary = Files.createTempFile("zhijian-", ".xls").toFile();
            try (InputStream input = fs.open(path)) {
                Files.copy(input, temporary.toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            file = temporary;
        }
        if (file.length() > limits.maxSheetBytes()) {
            delete(temporary);
            throw ReaderLimits.tooLarge(path.getName(), ReaderLimits.bytes(file.length()) + ", more than", limits.maxSheetBytes(), "ingest.max_sheet_bytes");
        }
        POIFSFileSystem poifs = null;
        InputStream stream = null;
        try {
            poifs = new POIFSFileSystem(file, true);
            if (!poifs.getRoot().hasEntry("Workbook")) {
                throw new IOException(poifs.getRoot().hasEntry("Book") ? "it is an Excel 5.0/95 workbook; save it as .xlsx or as Excel 97-2003 (.xls)"
                        : "it is an OLE2 file but not an Excel workbook");
            }
            stream = poifs.createDocumentInputStream("Workbook");
            RecordFactoryInputStream records = new RecordFactoryInputStream(stream, false);
            Globals globals = new Globals();
            readGlobals(records, globals);
            XlsSheetReader reader = new XlsSheetReader(poifs, temporary, stream, records, globals, firstRow);
            if (sheet != null) {
                int index = globals.sheets.indexOf(sheet);
                if (index < 0) {
                    reader.close();
                    throw new IOException("the workbook has no sheet '" + sheet + "'");
                }
                reader.skipToSheet(index);
            }
            return reader;
        }
        catch (IOException e) {
            closeQuietly(stream, poifs);
            delete(temporary);
            throw e;
        }
        catch (RuntimeException e) {
            closeQuietly(stream, poifs);
            delete(temporary);
            throw new IOException("the workbook cannot be read (" + XlsxSheetReader.describe(e) + ")", e);
        }
    }

    /** The merged areas of one sheet (its MergeCells records, which follow the cells), by a pass over the sheet's records. */
    static List<org.apache.poi.ss.util.CellRangeAddress> mergedRegions(FileSystem fs, Path path, String sheet, ReaderLimits limits)
            throws IOException
    {
        List<org.apache.poi.ss.util.CellRangeAddress> regions = new ArrayList<>();
        try (XlsSheetReader reader = open(fs, path, sheet, 0, limits)) {
            Record record;
            while (!reader.ended && (record = reader.records.nextRecord()) != null) {
                if (record instanceof org.apache.poi.hssf.record.MergeCellsRecord merged) {
                    for (int i = 0; i < merged.getNumAreas(); i++) {
                        regions.add(merged.getAreaAt(i));
                    }
                }
                else if (record instanceof EOFRecord) {
                    break;
                }
            }
        }
        catch (RuntimeException e) {
            throw new IOException("the workbook cannot be read (" + XlsxSheetReader.describe(e) + ")", e);
        }
        return regions;
    }

    private static void readGlobals(RecordFactoryInputStream records, Globals globals)
    {
        Record record;
        while ((record = records.nextRecord()) != null) {
            if (record instanceof BoundSheetRecord sheet) {
                globals.sheets.add(sheet.getSheetname());
            }
            else if (record instanceof SSTRecord strings) {
                globals.strings = strings;
            }
            else if (record instanceof FormatRecord format) {
                globals.formats.put(format.getIndexCode(), format.getFormatString());
            }
            else if (record instanceof ExtendedFormatRecord cellFormat) {
                globals.cellFormats.add((int) cellFormat.getFormatIndex());
            }
            else if (record instanceof DateWindow1904Record window) {
                globals.date1904 = window.getWindowing() == 1;
            }
            else if (record instanceof EOFRecord) {
                return;
            }
        }
    }

    /** Moves past the substreams before the sheet's: each worksheet, chart or macro sheet is one, in the order of the sheet names. */
    private void skipToSheet(int index)
    {
        int seen = -1;
        Record record;
        while ((record = records.nextRecord()) != null) {
            if (record instanceof BOFRecord) {
                seen++;
                if (seen == index) {
                    return;
                }
            }
        }
        ended = true;
    }

    @Override
    protected RawRecord read()
    {
        while (true) {
            RawRecord row = nextRow();
            if (row == null || row.line() >= firstRow) {
                return row;
            }
        }
    }

    /** The next row of the sheet that has a cell, or null at its end. */
    private RawRecord nextRow()
    {
        while (!ended) {
            Record record = records.nextRecord();
            if (record == null || record instanceof EOFRecord) {
                ended = true;
                return flush();
            }
            if (record instanceof MulRKRecord multiple) {
                RawRecord row = null;
                for (int i = 0; i < multiple.getNumColumns(); i++) {
                    RawRecord done = cell(multiple.getRow(), multiple.getFirstColumn() + i, number(multiple.getRKNumberAt(i), multiple.getXFAt(i)));
                    row = row == null ? done : row;
                }
                if (row != null) {
                    return row;
                }
                continue;
            }
            if (record instanceof StringRecord string && pendingFormulaColumn >= 0) {
                set(pendingFormulaColumn, string.getString());
                pendingFormulaColumn = -1;
                continue;
            }
            if (!(record instanceof CellValueRecordInterface value)) {
                continue;
            }
            String text;
            if (record instanceof LabelSSTRecord label) {
                text = globals.strings == null ? "" : globals.strings.getString(label.getSSTIndex()).getString();
            }
            else if (record instanceof LabelRecord label) {
                text = label.getValue();
            }
            else if (record instanceof NumberRecord number) {
                text = number(number.getValue(), number.getXFIndex());
            }
            else if (record instanceof RKRecord rk) {
                text = number(rk.getRKNumber(), rk.getXFIndex());
            }
            else if (record instanceof BoolErrRecord bool) {
                text = bool.isBoolean() ? (bool.getBooleanValue() ? "true" : "false") : "";
            }
            else if (record instanceof FormulaRecord formula) {
                CellType type = CellType.forInt(formula.getCachedResultType());
                text = switch (type) {
                    case NUMERIC -> number(formula.getValue(), formula.getXFIndex());
                    case BOOLEAN -> formula.getCachedBooleanValue() ? "true" : "false";
                    default -> "";
                };
                RawRecord row = cell(value.getRow(), value.getColumn(), text);
                if (type == CellType.STRING) {
                    pendingFormulaColumn = value.getColumn();
                }
                if (row != null) {
                    return row;
                }
                continue;
            }
            else {
                continue;
            }
            RawRecord row = cell(value.getRow(), value.getColumn(), text);
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    /** Adds a cell; when it starts a later row, returns the row it ends. */
    private RawRecord cell(int row, int column, String text)
    {
        RawRecord finished = null;
        if (row != currentRow) {
            finished = flush();
            currentRow = row;
        }
        set(column, text);
        return finished;
    }

    private void set(int column, String text)
    {
        while (cells.size() <= column) {
            cells.add("");
        }
        cells.set(column, text == null ? "" : text);
    }

    private RawRecord flush()
    {
        if (currentRow < 0 || cells.isEmpty()) {
            return null;
        }
        List<String> fields = List.copyOf(cells);
        cells.clear();
        lastRow = currentRow + 1;
        return RawRecord.of(currentRow + 1, fields, CsvWriter.line(fields));
    }

    /** A number as the XLSX reader writes it; a date (by the cell's format) as yyyy-MM-dd. */
    private String number(double value, int cellFormat)
    {
        int formatIndex = cellFormat < globals.cellFormats.size() ? globals.cellFormats.get(cellFormat) : 0;
        String format = globals.formats.getOrDefault(formatIndex, BuiltinFormats.getBuiltinFormat(formatIndex));
        if (format != null && DateUtil.isADateFormat(formatIndex, format) && DateUtil.isValidExcelDate(value)) {
            return DateUtil.getLocalDateTime(value, globals.date1904).toLocalDate().toString();
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @Override
    protected RawRecord failure(Exception e)
    {
        return RawRecord.failure(lastRow + 1, "the workbook is damaged after row " + lastRow + " (" + XlsxSheetReader.describe(e) + ")");
    }

    @Override
    protected void release()
    {
        closeQuietly(stream, poifs);
        delete(temporary);
    }

    private static void closeQuietly(InputStream stream, POIFSFileSystem poifs)
    {
        try {
            if (stream != null) {
                stream.close();
            }
            if (poifs != null) {
                poifs.close();
            }
        }
        catch (IOException ignored) {
            // Read only: nothing to lose.
        }
    }

    private static void delete(File temporary)
    {
        if (temporary != null) {
            temporary.delete();
        }
    }
}
