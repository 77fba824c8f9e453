package org.zhijian.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.zhijian.schema.Column;
import org.zhijian.schema.ColumnType;
import org.zhijian.schema.SourceDataset;

/**
 * Writes one dataset as a statistician's workbook: Chinese headers with units, numbers as
 * numbers, dates as real Excel dates; a value that does not parse stays text, as a person would type it.
 */
final class XlsxRowSink
        implements RowSink
{
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private static final java.util.Date FIXED_TIME = new java.util.Date(1_577_836_800_000L);

    private final Path path;
    private final SXSSFWorkbook workbook;
    private final Sheet sheet;
    private final List<Column> columns;
    private final CellStyle dateStyle;
    private long rows;

    XlsxRowSink(Path path, SourceDataset dataset)
    {
        this.path = path;
        this.columns = dataset.columns();
        this.workbook = new SXSSFWorkbook(500);
        this.sheet = workbook.createSheet(dataset.chineseName());
        this.dateStyle = workbook.createCellStyle();
        dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
        Row header = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            header.createCell(i).setCellValue(column.unit().isEmpty() ? column.chineseName() : column.chineseName() + "（" + column.unit() + "）");
        }
    }

    @Override
    public long write(String[] values)
    {
        Row row = sheet.createRow((int) ++rows);
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (value == null || value.isEmpty()) {
                continue;
            }
            Cell cell = row.createCell(i);
            ColumnType type = i < columns.size() ? columns.get(i).type() : ColumnType.TEXT;
            java.util.Optional<LocalDate> date = type == ColumnType.DATE ? RowSink.isoDate(value) : java.util.Optional.empty();
            if (date.isPresent()) {
                cell.setCellValue(date.get());
                cell.setCellStyle(dateStyle);
            }
            else if ((type == ColumnType.DECIMAL || type == ColumnType.INTEGER || type == ColumnType.YEAR) && NUMBER.matcher(value).matches()) {
                cell.setCellValue(Double.parseDouble(value));
            }
            else {
                cell.setCellValue(value);
            }
        }
        return rows + 1;
    }

    @Override
    public long writeRaw(String[] row)
    {
        return write(row);
    }

    @Override
    public boolean supportsRaggedRows()
    {
        return false;
    }

    @Override
    public Path path()
    {
        return path;
    }

    @Override
    public long rows()
    {
        return rows;
    }

    @Override
    public void close()
            throws IOException
    {
        // Fixed document dates and zip entry times make the same seed give the same bytes.
        workbook.getXSSFWorkbook().getProperties().getCoreProperties().setCreated(java.util.Optional.of(FIXED_TIME));
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try {
            workbook.write(buffer);
        }
        finally {
            workbook.dispose();
            workbook.close();
        }
        try (OutputStream output = Files.newOutputStream(path)) {
            ReproducibleZip.rewrite(buffer.toByteArray(), output);
        }
    }
}
