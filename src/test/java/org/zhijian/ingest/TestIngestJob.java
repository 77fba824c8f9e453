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
import org.zhijian.schema.SourceDataset;
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
    void quarantinedEnterpriseTextIsAlsoKeptWithItsPersonalFieldsMaskedOneByOne()
            throws IOException
    {
        Lake lake = Lake.open(lakePath.toString(), spark.sparkContext().hadoopConfiguration());
        List<Row> rows = lake.read(spark, lake.table(IngestJob.quarantine(org.zhijian.schema.Datasets.ENTERPRISES)).orElseThrow()).select("text", "text_masked", "rules").collectAsList();
        assertThat(rows).isNotEmpty();
        int fieldByField = 0;
        for (Row row : rows) {
            List<String> clear = org.zhijian.io.CsvReader.fields(row.getString(0));
            List<String> masked = org.zhijian.io.CsvReader.fields(row.getString(1));
            if (clear.size() != org.zhijian.schema.Datasets.ENTERPRISES.columns().size()) {
                continue;
            }
            fieldByField++;
            assertThat(masked).hasSameSizeAs(clear);
            int changed = 0;
            for (int i = 0; i < clear.size(); i++) {
                if (!clear.get(i).equals(masked.get(i))) {
                    changed++;
                    assertThat(masked.get(i)).isIn(org.zhijian.lake.PersonalData.mask("phone", clear.get(i)), org.zhijian.lake.PersonalData.mask("legal_rep", clear.get(i)));
                }
            }
            assertThat(changed).as(row.getString(0)).isBetween(1, 2);
        }
        assertThat(fieldByField).isPositive();
    }

    @Test
    void aFailedIngestLeavesAManifestWithTheFailuresExitCodeAndItsSettings()
            throws IOException
    {
        Path failing = directory.resolve("failing-lake");
        Path missing = directory.resolve("no-such-folder");
        IngestJob.Request request = new IngestJob.Request("ingest", missing.toString(), failing.toString(), RawFileInspector.Options.defaults(),
                IngestFixtures.AS_OF, false, 0.05, false, true, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IngestJob(spark, REFERENCE, line -> {}).run(request, RunIds.next()))
                .isInstanceOf(org.zhijian.ZhijianException.class).hasMessageContaining("does not exist");
        Lake lake = Lake.open(failing.toString(), spark.sparkContext().hadoopConfiguration());
        JsonNode manifest = lake.recentRuns(1).get(0);
        assertThat(manifest.path("status").asText()).isEqualTo("failed");
        assertThat(manifest.path("exit_code").asInt()).isEqualTo(2);
        assertThat(manifest.path("settings").path("input").asText()).isEqualTo(missing.toString());
        assertThat(lake.lockHolder()).isEmpty();
        assertThat(failing.resolve("_tmp")).doesNotExist();
    }

    @Test
    void aQuarantineWrittenBeforeMaskedTextKeepsItsRowsMaskedWhole()
            throws IOException
    {
        Path small = directory.resolve("upgrade");
        Path input = java.nio.file.Files.createDirectories(small.resolve("raw"));
        String header = "credit_code,name,county_code,industry_code,size,above_scale,high_tech,established,status,legal_rep,phone\n";
        String a = org.zhijian.reference.CreditCode.forEnterprise("330106", "MA000001");
        java.nio.file.Files.writeString(input.resolve("enterprises.csv"), header + a + ",甲公司,999999,C33,小型,是,否,2010-01-01,存续,张三丰,13897315678\n");
        Path upgradeLake = small.resolve("lake");
        IngestJob job = new IngestJob(spark, REFERENCE, line -> {});
        IngestJob.Request request = new IngestJob.Request("ingest", input.toString(), upgradeLake.toString(), RawFileInspector.Options.defaults(),
                IngestFixtures.AS_OF, false, 1.0, true, true, 0);
        job.run(request, RunIds.next());
        // The quarantine as an earlier version wrote it: no text_masked.
        Lake lake = Lake.open(upgradeLake.toString(), spark.sparkContext().hadoopConfiguration());
        org.zhijian.lake.TableName name = IngestJob.quarantine(org.zhijian.schema.Datasets.ENTERPRISES);
        String runId = RunIds.next();
        try (org.zhijian.lake.LakeLock lock = lake.lock(runId, "test", line -> {})) {
            Lake.Commit commit = lake.begin(runId);
            org.apache.spark.sql.Dataset<Row> old = lake.read(spark, lake.table(name).orElseThrow()).drop("text_masked");
            commit.write(name, old, org.zhijian.lake.TableLayout.plain());
            lake.commit(commit, snapshot -> snapshot, snapshot -> Map.of("run_id", runId));
        }
        java.nio.file.Files.delete(input.resolve("enterprises.csv"));
        java.nio.file.Files.writeString(input.resolve("enterprises_2.csv"), header + a.substring(0, 17) + "X,乙公司,330106,C33,小型,是,否,2010-01-01,存续,李四光,13966024444\n");
        job.run(request, RunIds.next());
        List<Row> rows = lake.read(spark, lake.table(name).orElseThrow()).orderBy("source_file").select("source_file", "text_masked").collectAsList();
        assertThat(rows).extracting(row -> row.getString(0)).containsExactly("enterprises.csv", "enterprises_2.csv");
        assertThat(rows.get(0).getString(1)).isEqualTo(a.substring(0, 1) + "**");
        assertThat(rows.get(1).getString(1)).contains("李**,139****4444");
    }

    @Test
    void everyRowIsAcceptedOrQuarantinedAndStagedHoldsTheAccepted()
            throws IOException
    {
        Lake lake = Lake.open(lakePath.toString(), spark.sparkContext().hadoopConfiguration());
        assertThat(first.outcomes()).hasSize(org.zhijian.generate.SampleDataGenerator.datasets(org.zhijian.schema.Datasets.CATALOGUE).size());
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
        for (SourceDataset dataset : org.zhijian.generate.SampleDataGenerator.datasets(org.zhijian.schema.Datasets.CATALOGUE)) {
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
        assertThat(manifest.path("inputs")).hasSize(org.zhijian.generate.SampleDataGenerator.datasets(org.zhijian.schema.Datasets.CATALOGUE).size());
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
