package org.zhijian.ingest;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.zhijian.io.CsvWriter;

/**
 * Streams the rows of one workbook sheet with a StAX pull parser over the sheet's XML, so a
 * sheet of any length is read with the memory of one row (plus the shared strings). Cells
 * become the text a person sees: numbers in plain notation, date-formatted numbers as
 * yyyy-MM-dd, booleans as true/false. The package is opened from a local file (a remote file
 * is copied to a temporary one first), which lets POI read the zip without loading it.
 */
final class XlsxSheetReader
        extends SplitReader.ReadAhead
{
    private final Workbook workbook;
    private final InputStream sheetStream;
    private final XMLStreamReader xml;
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final boolean date1904;
    private long lastRow;

    private XlsxSheetReader(Workbook workbook, InputStream sheetStream, ReadOnlySharedStringsTable strings, StylesTable styles, boolean date1904)
            throws XMLStreamException
    {
        this.workbook = workbook;
        this.sheetStream = sheetStream;
        this.strings = strings;
        this.styles = styles;
        this.date1904 = date1904;
        this.xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(sheetStream);
    }

    /** The names of a workbook's sheets, in order. */
    static List<String> sheetNames(FileSystem fs, Path path)
            throws IOException
    {
        try (Workbook workbook = Workbook.open(fs, path)) {
            XSSFReader.SheetIterator sheets = new XSSFReader(workbook.pkg()).getSheetIterator();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                sheets.next().close();
                names.add(sheets.getSheetName());
            }
            return names;
        }
        catch (IOException e) {
            throw e;
        }
        catch (Exception e) {
            throw new IOException(describe(e), e);
        }
    }

    /** Opens a sheet for reading; rows are numbered as in Excel, and rows before {@code firstRow} are skipped. */
    static XlsxSheetReader open(FileSystem fs, Path path, String sheet, long firstRow, ReaderLimits limits)
            throws IOException
    {
        Workbook workbook = Workbook.open(fs, path);
        try {
            XSSFReader reader = new XSSFReader(workbook.pkg());
            InputStream stream = sheetStream(reader, sheet, limits);
            XlsxSheetReader result = new XlsxSheetReader(workbook, stream, sharedStrings(workbook.pkg(), limits), reader.getStylesTable(), isDate1904(reader));
            result.skipTo(firstRow);
            return result;
        }
        catch (IOException e) {
            workbook.close();
            throw e;
        }
        catch (Exception e) {
            workbook.close();
            throw new IOException(describe(e), e);
        }
    }

    /** The named sheet's XML, limited to ingest.max_sheet_bytes; the other sheets' streams are closed. */
    private static InputStream sheetStream(XSSFReader reader, String sheet, ReaderLimits limits)
            throws Exception
    {
        XSSFReader.SheetIterator sheets = reader.getSheetIterator();
        while (sheets.hasNext()) {
            InputStream stream = sheets.next();
            if (sheets.getSheetName().equals(sheet)) {
                return limited(sheets.getSheetPart(), stream, limits.maxSheetBytes(), "ingest.max_sheet_bytes");
            }
            stream.close();
        }
        throw new IOException("the workbook has no sheet '" + sheet + "'");
    }

    /** The merged areas of one sheet (its mergeCell elements, after the rows), by a pass over the sheet that reads nothing else. */
    static List<org.apache.poi.ss.util.CellRangeAddress> mergedRegions(FileSystem fs, Path path, String sheet, ReaderLimits limits)
            throws IOException
    {
        Workbook workbook = Workbook.open(fs, path);
        try {
            try (InputStream stream = sheetStream(new XSSFReader(workbook.pkg()), sheet, limits)) {
                List<org.apache.poi.ss.util.CellRangeAddress> regions = new ArrayList<>();
                XMLStreamReader xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(stream);
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("mergeCell")) {
                        String reference = xml.getAttributeValue(null, "ref");
                        if (reference != null && reference.contains(":")) {
                            regions.add(org.apache.poi.ss.util.CellRangeAddress.valueOf(reference));
                        }
                    }
                }
                return regions;
            }
        }
        catch (IOException e) {
            throw e;
        }
        catch (Exception e) {
            throw new IOException(describe(e), e);
        }
        finally {
            workbook.close();
        }
    }

    /**
     * The workbook's shared strings, which are held in memory: refused when the part says it is
     * larger than the limit, and cut off when it inflates past it whatever it says.
     */
    private static ReadOnlySharedStringsTable sharedStrings(OPCPackage pkg, ReaderLimits limits)
            throws Exception
    {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return new ReadOnlySharedStringsTable(pkg, false);
        }
        PackagePart part = parts.get(0);
        try (InputStream input = limited(part, part.getInputStream(), limits.maxSharedStringsBytes(), "ingest.max_shared_strings_bytes")) {
            return new ReadOnlySharedStringsTable(input, false);
        }
    }

    private static InputStream limited(PackagePart part, InputStream input, long limit, String setting)
            throws IOException
    {
        String name = part.getPartName().getName();
        if (part.getSize() > limit) {
            input.close();
            throw ReaderLimits.tooLarge(name, ReaderLimits.bytes(part.getSize()) + ", more than", limit, setting);
        }
        return ReaderLimits.limited(input, limit, name, setting);
    }

    /** A workbook package opened read-only from a local file; a remote file is copied to a temporary one first. */
    private record Workbook(OPCPackage pkg, File temporary)
            implements AutoCloseable
    {
        static Workbook open(FileSystem fs, Path path)
                throws IOException
        {
            File file = localFile(fs, path);
            File temporary = file == null ? copyToLocal(fs, path) : null;
            try {
                return new Workbook(OPCPackage.open(temporary != null ? temporary : file, PackageAccess.READ), temporary);
            }
            catch (Exception e) {
                if (temporary != null) {
                    Files.deleteIfExists(temporary.toPath());
                }
                throw new IOException(describe(e), e);
            }
        }

        @Override
        public void close()
        {
            pkg.revert();
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary.toPath());
                }
                catch (IOException ignored) {
                    // A temporary copy left behind is harmless.
                }
            }
        }
    }

    private void skipTo(long firstRow)
    {
        while (peek() != null && peek().line() < firstRow) {
            next();
        }
    }

    @Override
    protected RawRecord read()
            throws XMLStreamException
    {
        return readRow();
    }

    @Override
    protected RawRecord failure(Exception e)
    {
        return RawRecord.failure(lastRow + 1, "the sheet's XML is damaged after row " + lastRow + " (" + describe(e) + ")");
    }

    private RawRecord readRow()
            throws XMLStreamException
    {
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
                String number = xml.getAttributeValue(null, "r");
                long row = number == null ? lastRow + 1 : Long.parseLong(number);
                lastRow = row;
                List<String> cells = readCells();
                return RawRecord.of(row, cells, CsvWriter.line(cells));
            }
        }
        return null;
    }

    private List<String> readCells()
            throws XMLStreamException
    {
        List<String> cells = new ArrayList<>();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
                return cells;
            }
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("c")) {
                String reference = xml.getAttributeValue(null, "r");
                int column = reference == null ? cells.size() : columnIndex(reference);
                String type = xml.getAttributeValue(null, "t");
                String style = xml.getAttributeValue(null, "s");
                String value = readCell(type, style);
                while (cells.size() < column) {
                    cells.add("");
                }
                cells.add(value);
            }
        }
        return cells;
    }

    private String readCell(String type, String style)
            throws XMLStreamException
    {
        StringBuilder value = null;
        StringBuilder inline = null;
        int depth = 1;
        boolean inValue = false;
        boolean inText = false;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = xml.getLocalName();
                inValue = name.equals("v");
                inText = name.equals("t");
                if (inValue && value == null) {
                    value = new StringBuilder();
                }
                if (inText && inline == null) {
                    inline = new StringBuilder();
                }
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                inValue = false;
                inText = false;
            }
            else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                if (inValue) {
                    value.append(xml.getText());
                }
                else if (inText) {
                    inline.append(xml.getText());
                }
            }
        }
        if ("inlineStr".equals(type)) {
            return inline == null ? "" : inline.toString();
        }
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (type == null || type.equals("n")) {
            return number(text, style);
        }
        return switch (type) {
            case "s" -> strings.getItemAt(Integer.parseInt(text.strip())).getString();
            case "b" -> text.equals("1") ? "true" : "false";
            default -> text;
        };
    }

    private String number(String text, String style)
    {
        BigDecimal number;
        try {
            number = new BigDecimal(text.strip());
        }
        catch (NumberFormatException e) {
            return text;
        }
        if (style != null && !style.isEmpty()) {
            XSSFCellStyle cellStyle = styles.getStyleAt(Integer.parseInt(style));
            if (cellStyle != null && DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString())
                    && DateUtil.isValidExcelDate(number.doubleValue())) {
                return DateUtil.getLocalDateTime(number.doubleValue(), date1904).toLocalDate().toString();
            }
        }
        return number.stripTrailingZeros().toPlainString();
    }

    /** The 0-based column of a cell reference such as AB12. */
    static int columnIndex(String reference)
    {
        int column = 0;
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c < 'A' || c > 'Z') {
                break;
            }
            column = column * 26 + (c - 'A' + 1);
        }
        return column - 1;
    }

    @Override
    protected void release()
    {
        try {
            xml.close();
            sheetStream.close();
        }
        catch (XMLStreamException | IOException ignored) {
            // A read-only stream: nothing to lose.
        }
        workbook.close();
    }

    private static boolean isDate1904(XSSFReader reader)
            throws Exception
    {
        try (InputStream workbook = reader.getWorkbookData()) {
            XMLStreamReader xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(workbook);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("workbookPr")) {
                    String value = xml.getAttributeValue(null, "date1904");
                    return "1".equals(value) || "true".equals(value);
                }
            }
            return false;
        }
    }

    /** The local file behind a path, or null when it is remote (HDFS, S3) and must be copied first. */
    static File localFile(FileSystem fs, Path path)
    {
        if (fs instanceof LocalFileSystem local) {
            return local.pathToFile(path);
        }
        if (fs instanceof RawLocalFileSystem raw) {
            return raw.pathToFile(path);
        }
        return null;
    }

    private static File copyToLocal(FileSystem fs, Path path)
            throws IOException
    {
        File temporary = Files.createTempFile("zhijian-", ".xlsx").toFile();
        try (InputStream input = fs.open(path)) {
            Files.copy(input, temporary.toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return temporary;
    }

    static String describe(Throwable e)
    {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
