package org.zhijian.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Locale;

import org.zhijian.config.ZhijianConfig;

/**
 * How much a raw file may make a reader hold: a CSV record's length, and the uncompressed size
 * of a workbook's sheet and shared-strings parts (the shared strings are held in memory, a
 * sheet is streamed). Past a limit a record is quarantined ({@code struct.line_too_long}) or
 * the file refused with a line naming the part — never loaded whole.
 *
 * @param maxLineBytes the longest CSV record, in bytes of the file
 * @param maxSheetBytes the largest sheet part of a workbook, uncompressed
 * @param maxSharedStringsBytes the largest shared-strings part of a workbook, uncompressed
 */
public record ReaderLimits(long maxLineBytes, long maxSheetBytes, long maxSharedStringsBytes)
        implements Serializable
{
    /** The limits conf sets when it says nothing (conf/zhijian.yaml, ingest). */
    public static final ReaderLimits DEFAULTS = of(new ZhijianConfig.IngestSettings(null, null, null));

    public ReaderLimits
    {
        if (maxLineBytes < 1024 || maxSheetBytes < 1024 || maxSharedStringsBytes < 1024) {
            throw new IllegalArgumentException("ingest limits must be at least 1 KB");
        }
    }

    public static ReaderLimits of(ZhijianConfig.IngestSettings settings)
    {
        return new ReaderLimits(settings.maxLineBytes(), settings.maxSheetBytes(), settings.maxSharedStringsBytes());
    }

    /** A stream of a workbook part that fails once more than {@code limit} bytes come out of it. */
    static InputStream limited(InputStream input, long limit, String part, String setting)
    {
        return new FilterInputStream(input)
        {
            private long count;

            @Override
            public int read()
                    throws IOException
            {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length)
                    throws IOException
            {
                int read = super.read(bytes, offset, length);
                if (read > 0) {
                    count(read);
                }
                return read;
            }

            private void count(long bytes)
                    throws IOException
            {
                count += bytes;
                if (count > limit) {
                    throw tooLarge(part, "more than", limit, setting);
                }
            }
        };
    }

    static IOException tooLarge(String part, String size, long limit, String setting)
    {
        return new IOException("the workbook part " + part + " is " + size + " " + bytes(limit) + " uncompressed, past " + setting
                + "; a workbook that large is refused (a zip bomb, or save it as CSV)");
    }

    static String bytes(long bytes)
    {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
