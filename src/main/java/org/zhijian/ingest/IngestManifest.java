package org.zhijian.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.zhijian.lake.RunManifests;
import org.zhijian.lake.TableVersion;

/**
 * The run manifest of PRODUCT.md §4 for an ingest run: inputs with sizes and checksums, row
 * counts in and out per dataset and step, rejects by rule, durations, versions and the exit
 * status. Stored as {@code _runs/<run-id>.json}.
 */
public final class IngestManifest
{
    private IngestManifest() {}

    public static Map<String, Object> of(IngestJob.Request request, IngestJob.Result result, SparkSession spark, String status, int exitCode, String message)
    {
        Map<String, Object> manifest = RunManifests.header(result.runId(), result.command(), status, exitCode, message, result.startedAt(), result.durationMs(), spark);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("input", request.input());
        settings.put("lake", request.lake());
        settings.put("encoding", request.readOptions().encoding().map(Object::toString).orElse("auto"));
        settings.put("sheet", request.readOptions().sheet().orElse(""));
        settings.put("as_of", request.asOf().toString());
        settings.put("reject_gate", request.rejectGate());
        settings.put("allow_rejects", request.allowRejects());
        settings.put("accept_pilot_credit_codes", request.acceptPilotCreditCodes());
        manifest.put("settings", settings);
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (InspectedFile file : result.inspection().files()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", file.fileName());
            entry.put("path", file.path());
            entry.put("dataset", file.dataset().tableName());
            entry.put("profile", file.profile());
            entry.put("format", file.format().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("encoding", file.encoding());
            if (!file.encodingNote().isEmpty()) {
                entry.put("encoding_note", file.encodingNote());
            }
            if (!file.sheet().isEmpty()) {
                entry.put("sheet", file.sheet());
            }
            entry.put("bytes", file.bytes());
            entry.put("sha256", file.sha256());
            entry.put("splits", file.splits().size());
            if (!file.ignoredHeaders().isEmpty()) {
                entry.put("ignored_headers", file.ignoredHeaders());
            }
            inputs.add(entry);
        }
        manifest.put("inputs", inputs);
        List<Map<String, Object>> refused = new ArrayList<>();
        for (FileProblem problem : result.inspection().problems()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", problem.fileName());
            entry.put("rule", problem.rule().id());
            entry.put("line", problem.line());
            entry.put("column", problem.column());
            entry.put("message", problem.message());
            refused.add(entry);
        }
        manifest.put("refused_files", refused);
        manifest.put("skipped_files", result.inspection().skipped());
        List<Map<String, Object>> unrecognised = new ArrayList<>();
        result.inspection().unrecognised().forEach(file -> unrecognised.add(new LinkedHashMap<>(Map.of("file", file.fileName(), "reason", file.reason()))));
        manifest.put("unrecognised_files", unrecognised);
        Map<String, Object> datasets = new LinkedHashMap<>();
        result.outcomes().forEach((dataset, outcome) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("files", outcome.files());
            entry.put("rows_read", outcome.read());
            entry.put("rows_accepted", outcome.accepted());
            entry.put("rows_quarantined", outcome.quarantined());
            entry.put("blank_lines", outcome.blank());
            entry.put("reject_share", outcome.rejectShare());
            entry.put("quarantined_by_rule", outcome.byRule());
            entry.put("county_codes_mapped", outcome.countyCodesMapped());
            entry.put("normalised", outcome.normalised());
            entry.put("resolved", outcome.resolved());
            datasets.put(dataset.tableName(), entry);
        });
        manifest.put("datasets", datasets);
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("threshold", result.gate().threshold());
        gate.put("failing_datasets", result.gate().failingDatasets());
        gate.put("refused_files", result.gate().refusedFiles());
        gate.put("allowed_by_operator", result.gate().allowed());
        gate.put("failed", result.gate().failed());
        manifest.put("gate", gate);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (IngestJob.Step step : result.steps()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", step.name());
            entry.put("duration_ms", step.durationMs());
            entry.put("rows_in", step.rowsIn());
            entry.put("rows_out", step.rowsOut());
            steps.add(entry);
        }
        manifest.put("steps", steps);
        Map<String, Object> tables = new LinkedHashMap<>();
        for (Map.Entry<String, TableVersion> table : result.tablesWritten().entrySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", table.getValue().path());
            entry.put("rows", table.getValue().rows());
            entry.put("bytes", table.getValue().bytes());
            tables.put(table.getKey(), entry);
        }
        manifest.put("tables_written", tables);
        manifest.put("snapshot", result.snapshot().map(snapshot -> (Object) snapshot.version()).orElse(null));
        return manifest;
    }
}
