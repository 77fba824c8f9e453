package org.zhijian.generate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.zhijian.io.CsvReader;
import org.zhijian.io.CsvRecord;

/** Figures counted straight from generated raw files, to check what the pipeline computes. */
public final class RawCounts
{
    private RawCounts() {}

    /** Passed and sampled batches of a year in {@code raw/inspections.csv}: {passed, sampled}. */
    public static long[] passedAndSampled(Path raw, int year)
            throws IOException
    {
        long sampled = 0;
        long passed = 0;
        try (Reader reader = Files.newBufferedReader(raw.resolve("inspections.csv"), StandardCharsets.UTF_8); CsvReader csv = new CsvReader(reader)) {
            csv.next();
            while (csv.hasNext()) {
                CsvRecord record = csv.next();
                if (record.field(6).startsWith(String.valueOf(year))) {
                    sampled++;
                    passed += record.field(7).equals("合格") ? 1 : 0;
                }
            }
        }
        return new long[] {passed, sampled};
    }
}
