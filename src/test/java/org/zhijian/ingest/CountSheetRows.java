package org.zhijian.ingest;

import java.util.List;

import org.zhijian.lake.HadoopConfigurations;

/** Run in a small child JVM by {@link TestLargeWorkbook}: inspects a workbook and counts the rows of its sheet. */
public final class CountSheetRows
{
    private CountSheetRows() {}

    public static void main(String[] args)
            throws Exception
    {
        var configuration = HadoopConfigurations.create();
        RawFileInspector.Inspection inspection = new RawFileInspector(configuration, IngestFixtures.REFERENCE.headerAliases(), RawFileInspector.Options.defaults())
                .inspect(new org.apache.hadoop.fs.Path(java.nio.file.Path.of(args[0]).toUri()));
        List<RawSplit> splits = inspection.files().get(0).splits();
        long rows = 0;
        String last = "";
        try (SplitReader.Records records = SplitReader.open(splits.get(0), configuration)) {
            while (records.hasNext()) {
                RawRecord record = records.next();
                rows++;
                last = record.line() + ":" + String.join(",", record.fields());
            }
        }
        System.out.println("rows=" + rows + " last=" + last + " maxHeapMb=" + Runtime.getRuntime().maxMemory() / (1 << 20));
    }
}
