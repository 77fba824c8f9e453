package org.zhijian.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.zhijian.generate.GeneratorSettings;
import org.zhijian.generate.OutputFormat;
import org.zhijian.generate.SampleDataGenerator;
import org.zhijian.io.CsvReader;
import org.zhijian.io.CsvRecord;
import org.zhijian.reference.ReferenceData;
import org.zhijian.reference.ReferenceDataLoader;

/** Shared inputs of the ingest tests: reference data, generated raw folders, requests. */
final class IngestFixtures
{
    static final ReferenceData REFERENCE = ReferenceDataLoader.load(Path.of("conf", "reference"));
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 27);

    private IngestFixtures() {}

    /** Sample data at scale 0.01 (about 24,000 rows; -Dzhijian.test.scale=0.1 for 240,000) in all three formats, 2% of rows bad. */
    static Path dirtySample(Path directory)
    {
        Path raw = directory.resolve("raw");
        double scale = Double.parseDouble(System.getProperty("zhijian.test.scale", "0.01"));
        SampleDataGenerator.generate(REFERENCE, new GeneratorSettings(scale, 20251231L, 2025, 0.02,
                List.of(OutputFormat.CSV, OutputFormat.GBK, OutputFormat.XLSX), raw), line -> {});
        return raw;
    }

    static IngestJob.Request request(Path raw, Path lake, boolean write)
    {
        return new IngestJob.Request(write ? "ingest" : "validate", raw.toString(), lake.toString(), RawFileInspector.Options.defaults(),
                AS_OF, false, 0.05, false, write, 100);
    }

    static IngestJob.Request request(Path raw, Path lake, long splitBytes)
    {
        return new IngestJob.Request("ingest", raw.toString(), lake.toString(), new RawFileInspector.Options(Optional.empty(), Optional.empty(), splitBytes),
                AS_OF, false, 0.05, false, true, 0);
    }

    /** The generator's list of injected bad rows: dataset, file, line, key, rule. */
    static List<List<String>> injected(Path raw)
            throws IOException
    {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(Files.newBufferedReader(raw.resolve("_injected.csv"), StandardCharsets.UTF_8))) {
            reader.next();
            while (reader.hasNext()) {
                CsvRecord record = reader.next();
                rows.add(record.fields());
            }
        }
        return rows;
    }
}
