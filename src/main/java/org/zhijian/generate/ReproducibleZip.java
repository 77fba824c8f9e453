package org.zhijian.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Copies a zip (an XLSX) with every entry's time fixed, so that equal content gives equal bytes. */
final class ReproducibleZip
{
    private static final long FIXED_TIME = 1_577_836_800_000L;

    private ReproducibleZip() {}

    static void rewrite(byte[] zip, OutputStream output)
            throws IOException
    {
        // ZipFile reads the central directory, which copes with the data descriptors POI writes.
        Path temporary = Files.createTempFile("zhijian-", ".zip");
        try {
            Files.write(temporary, zip);
            try (ZipFile input = new ZipFile(temporary.toFile()); ZipOutputStream out = new ZipOutputStream(output)) {
                for (ZipEntry entry : Collections.list(input.entries())) {
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(FIXED_TIME);
                    out.putNextEntry(copy);
                    try (InputStream data = input.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }
}
