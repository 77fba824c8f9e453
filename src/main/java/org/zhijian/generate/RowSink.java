package org.zhijian.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** Where the generator writes the rows of one dataset; rows are text, as a raw file holds them. */
interface RowSink
        extends Closeable
{
    /** Writes a row and returns its line (CSV) or row (XLSX) number, the header being 1. */
    long write(String[] row)
            throws IOException;

    /** Writes a row with other than the header's number of fields (CSV only). */
    long writeRaw(String[] row)
            throws IOException;

    boolean supportsRaggedRows();

    Path path();

    /** A value written as yyyy-MM-dd that is a real date; bad dates stay text. */
    static java.util.Optional<java.time.LocalDate> isoDate(String value)
    {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(java.time.LocalDate.parse(value));
        }
        catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    long rows();
}
