package org.zhijian.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.spark.sql.SparkSession;
import org.zhijian.ingest.IngestJob;
import org.zhijian.ingest.RawFileInspector;
import org.zhijian.lake.RunIds;
import org.zhijian.reference.ReferenceDataLoader;

/** The small lakes the export tests query. */
final class ExportFixtures
{
    static final String ENTERPRISES_HEADER = "credit_code,name,county_code,industry_code,size,above_scale,high_tech,established,status,legal_rep,phone\n";

    private ExportFixtures() {}

    /** Five cases in county 330106, fines 1,000 to 5,000, opened on the first of January to May 2025. */
    static String cases()
    {
        StringBuilder cases = new StringBuilder("case_id,county_code,violation,opened_on,fine\n");
        for (int i = 1; i <= 5; i++) {
            cases.append("ZJ").append(i).append(",330106,其他,2025-0").append(i).append("-01,").append(i * 1000).append('\n');
        }
        return cases.toString();
    }

    /** Ingests a raw folder into a lake, with the reject gate given. */
    static void ingest(SparkSession spark, Path raw, Path lake, double rejectGate)
            throws IOException
    {
        IngestJob.Request request = new IngestJob.Request("ingest", raw.toString(), lake.toString(), RawFileInspector.Options.defaults(),
                LocalDate.of(2026, 11, 27), false, rejectGate, true, true, 0);
        new IngestJob(spark, ReferenceDataLoader.load(Path.of("conf", "reference")), line -> {}).run(request, RunIds.next());
    }
}
