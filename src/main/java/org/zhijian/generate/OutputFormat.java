package org.zhijian.generate;

import java.util.Arrays;
import java.util.Locale;

/** The file kinds `generate --formats` can write. */
public enum OutputFormat
{
    /** UTF-8 CSV with English headers (standards.csv carries a byte-order mark). */
    CSV,
    /** GB18030 CSV with Chinese headers and Chinese date styles, as bureau systems export. */
    GBK,
    /** An XLSX workbook with Chinese headers, typed numbers and real dates. */
    XLSX,
    /** The national and provincial batches as published notices (.xlsx and P/F .xls), producers by name and address only. */
    NOTICE,
    /** The enterprises as a register export (市场主体登记) with the above-scale and high-tech lists. */
    REGISTER;

    /** Whether the format is a layout of the project's own (csv, gbk, xlsx) rather than one of the bureau's files. */
    public boolean own()
    {
        return this == CSV || this == GBK || this == XLSX;
    }

    public static OutputFormat parse(String text)
    {
        String value = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(format -> format.name().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown format '" + text + "' (known: csv, gbk, xlsx, notice, register)"));
    }
}
