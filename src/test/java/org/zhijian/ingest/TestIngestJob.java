package org.zhijian.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.lake.Lake;
import org.zhijian.lake.RunIds;
import org.zhijian.schema.Dataset;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhijian.ingest.IngestFixtures.REFERENCE;

/** Ingest of generated sample data: conservation, exact quarantine, manifest, idempotence. */
class TestIngestJob
{
    @TempDir
    static Path directory;
    private static Path raw;
    private static Path lakePath;
    private static IngestJob.Result first;
    private static SparkSession spark;

    @BeforeAll
    static void ingestOnce()
            throws IOException
    {
        spark = SharedSpark.session();
        raw = IngestFixtures.dirtySample(directory);
        lakePath = directory.resolve("lake");
        first = new IngestJob(spark, REFERENCE, line -> {}).run(IngestFixtures.request(raw, lakePath, true), RunIds.next());
    }

    @Test
    void everyRowIsAcceptedOrQuarantinedAndStagedHoldsTheAccepted()
            throws IOException
    {
        Lake lake = Lake.open(lakePath.toString(), spark.sparkContext().hadoopConfiguration());
        assertThat(first.outcomes()).hasSize(7);
        for (DatasetOutcome outcome : first.outcomes().values()) {
            assertThat(outcome.read()).isEqualTo(outcome.accepted() + outcome.quarantined());
            assertThat(outcome.accepted()).isPositive();
            assertThat(lake.read(spark, IngestJob.staged(outcome.dataset())).count()).as(outcome.dataset().tableName()).isEqualTo(outcome.accepted());
            assertThat(lake.read(spark, IngestJob.quarantine(outcome.dataset())).count()).isEqualTo(outcome.quarantined());
        }
    }

    @Test
    void everyInjectedRowIsQuarantinedUnderItsRuleAndNoCleanRowIs()
            throws IOException
    {
        Lake lake = Lake.open(lakePath.toString(), spark.sparkContext().hadoopConfiguration());
        List<List<String>> injected = IngestFixtures.injected(raw);
        assertThat(injected).hasSizeGreaterThan(300);
        Map<String, Set<String>> quarantined = new HashMap<>();
        for (Dataset dataset : Dataset.values()) {
            for (Row row : lake.read(spark, IngestJob.quarantine(dataset)).select("source_file", "source_line", "rules").collectAsList()) {
                quarantined.put(row.getString(0) + ":" + row.getLong(1), Set.of(row.getString(2).split(";")));
            }
        }
        Set<String> expectedLines = new TreeSet<>();
        for (List<String> bad : injected) {
            String where = bad.get(1) + ":" + bad.get(2);
            expectedLines.add(where);
            assertThat(quarantined).as("injected %s", bad).containsKey(where);
            assertThat(quarantined.get(where)).as("rules of %s", bad).contains(bad.get(4));
        }
        assertThat(new TreeSet<>(quarantined.keySet())).isEqualTo(expectedLines);
    }

    @Test
    void theManifestRecordsWhatThePrintedSummaryShows()
            throws IOException
    {
        JsonNode manifest = new ObjectMapper().readTree(lakePath.resolve("_runs").resolve(first.runId() + ".json").toFile());
        assertThat(manifest.path("status").asText()).isEqualTo("succeeded");
        assertThat(manifest.path("inputs")).hasSize(7);
        assertThat(manifest.path("inputs").get(0).path("sha256").asText()).hasSize(64);
        for (DatasetOutcome outcome : first.outcomes().values()) {
            JsonNode dataset = manifest.path("datasets").path(outcome.dataset().tableName());
            assertThat(dataset.path("rows_read").asLong()).isEqualTo(outcome.read());
            assertThat(dataset.path("rows_accepted").asLong()).isEqualTo(outcome.accepted());
            assertThat(dataset.path("rows_quarantined").asLong()).isEqualTo(outcome.quarantined());
            outcome.byRule().forEach((rule, n) -> assertThat(dataset.path("quarantined_by_rule").path(rule).asLong()).isEqualTo(n));
        }
        assertThat(manifest.path("snapshot").asLong()).isEqualTo(first.snapshot().orElseThrow().version());
    }
}
