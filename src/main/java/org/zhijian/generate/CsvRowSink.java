package org.zhijian.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.zhijian.io.CsvWriter;
import org.zhijian.schema.Column;
import org.zhijian.schema.ColumnType;
import org.zhijian.schema.SourceDataset;

/** Writes one dataset as CSV in a given encoding, header language and date and number style. */
final class CsvRowSink
        implements RowSink
{
    private static final Pattern PLAIN_NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    private final Path path;
    private final CsvWriter writer;
    private final List<Column> columns;
    private final Function<LocalDate, String> dateStyle;
    private final boolean thousandsSeparators;
    private long rows;

    CsvRowSink(Path path, SourceDataset dataset, Charset charset, boolean byteOrderMark, boolean chineseHeaders, Function<LocalDate, String> dateStyle, boolean thousandsSeparators)
            throws IOException
    {
        this.path = path;
        this.columns = dataset.columns();
        this.dateStyle = dateStyle;
        this.thousandsSeparators = thousandsSeparators;
        OutputStream output = Files.newOutputStream(path);
        if (byteOrderMark) {
            output.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        this.writer = new CsvWriter(new BufferedWriter(new OutputStreamWriter(output, charset), 1 << 16), "\r\n");
        writer.write(columns.stream().map(column -> chineseHeaders ? column.chineseName() : column.name()).toList());
    }

    @Override
    public long write(String[] row)
            throws IOException
    {
        String[] styled = row.clone();
        for (int i = 0; i < styled.length && i < columns.size(); i++) {
            String value = styled[i];
            if (value == null || value.isEmpty()) {
                continue;
            }
            ColumnType type = columns.get(i).type();
            if (type == ColumnType.DATE) {
                styled[i] = RowSink.isoDate(value).map(dateStyle).orElse(value);
            }
            else if (thousandsSeparators && type == ColumnType.DECIMAL && PLAIN_NUMBER.matcher(value).matches()) {
                styled[i] = withThousandsSeparators(value);
            }
        }
        return writeRaw(styled);
    }

    @Override
    public long writeRaw(String[] row)
            throws IOException
    {
        writer.write(row);
        rows++;
        return rows + 1;
    }

    @Override
    public boolean supportsRaggedRows()
    {
        return true;
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

    static String withThousandsSeparators(String plain)
    {
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        StringBuilder builder = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                builder.append(',');
            }
            builder.append(whole.charAt(i));
        }
        return dot < 0 ? builder.toString() : builder + plain.substring(dot);
    }

    @Override
    public void close()
            throws IOException
    {
        writer.close();
    }
}
