package org.zhijian.ingest;

/** How a raw file is stored, decided by its first bytes rather than by its name. */
public enum RawFormat
{
    CSV,
    XLSX,
    /** Excel 97-2003 (BIFF8), read by {@link XlsSheetReader}. */
    XLS,
}
