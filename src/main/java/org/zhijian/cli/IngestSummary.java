package org.zhijian.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.zhijian.ingest.DatasetOutcome;
import org.zhijian.ingest.FileProblem;
import org.zhijian.ingest.IngestJob;

/** The table `validate` and `ingest` print: per dataset read, accepted, quarantined by rule. */
final class IngestSummary
{
    private IngestSummary() {}

    static List<String> lines(IngestJob.Result result)
    {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-21s %5s %12s %12s %12s %7s %8s", "dataset", "files", "read", "accepted", "quarantined", "share", "blank"));
        long read = 0;
        long accepted = 0;
        long quarantined = 0;
        long blank = 0;
        int files = 0;
        for (DatasetOutcome outcome : result.outcomes().values()) {
            lines.add(String.format(Locale.ROOT, "%-21s %5d %,12d %,12d %,12d %6.1f%% %,8d", outcome.dataset().tableName(), outcome.files().size(),
                    outcome.read(), outcome.accepted(), outcome.quarantined(), outcome.rejectShare() * 100, outcome.blank()));
            read += outcome.read();
            accepted += outcome.accepted();
            quarantined += outcome.quarantined();
            blank += outcome.blank();
            files += outcome.files().size();
        }
        lines.add(String.format(Locale.ROOT, "%-21s %5d %,12d %,12d %,12d %6.1f%% %,8d", "total", files, read, accepted, quarantined, read == 0 ? 0.0 : 100.0 * quarantined / read, blank));
        boolean anyRule = result.outcomes().values().stream().anyMatch(outcome -> !outcome.byRule().isEmpty());
        if (anyRule) {
            lines.add("Quarantined by rule:");
            for (DatasetOutcome outcome : result.outcomes().values()) {
                if (!outcome.byRule().isEmpty()) {
                    lines.add(String.format(Locale.ROOT, "  %-21s %s", outcome.dataset().tableName(), outcome.byRule().entrySet().stream()
                            .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" "))));
                }
            }
        }
        long mapped = result.outcomes().values().stream().mapToLong(DatasetOutcome::countyCodesMapped).sum();
        if (mapped > 0) {
            lines.add(String.format(Locale.ROOT, "Historical county codes mapped to today's: %,d rows (%s)", mapped, result.outcomes().values().stream()
                    .filter(outcome -> outcome.countyCodesMapped() > 0)
                    .map(outcome -> outcome.dataset().tableName() + " " + outcome.countyCodesMapped()).collect(Collectors.joining(", "))));
        }
        // How much the values of other layouts were changed before validation, so a statistician sees it.
        result.outcomes().values().stream().filter(outcome -> !outcome.normalised().isEmpty()).forEach(outcome -> lines.add("Normalised before validation: "
                + outcome.dataset().tableName() + " " + outcome.normalised().entrySet().stream().map(entry -> entry.getKey().replace(' ', ':') + "=" + entry.getValue())
                .collect(Collectors.joining(" "))));
        // How the producers that notices name only by name resolved against the register.
        result.outcomes().values().stream().filter(outcome -> !outcome.resolved().isEmpty()).forEach(outcome -> lines.add("Resolved by name: "
                + outcome.dataset().tableName() + " " + outcome.resolved().entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(" "))
                + (outcome.resolved().keySet().stream().anyMatch(match -> match.equals("unmatched") || match.equals("ambiguous"))
                        ? " (unmatched and ambiguous producers: `zhijian export --table review.producers`)" : "")));
        for (FileProblem problem : result.inspection().problems()) {
            lines.add("Refused " + problem.describe());
        }
        result.inspection().files().stream().filter(file -> !file.ignoredHeaders().isEmpty()).forEach(file ->
                lines.add("Note: " + file.fileName() + ": ignored columns that name nothing in " + file.dataset().tableName() + ": " + String.join(", ", file.ignoredHeaders())));
        // A file mixing encodings, or with damaged bytes, says so once; its lines of the other kind are quarantined.
        result.inspection().files().stream().filter(file -> !file.encodingNote().isEmpty()).forEach(file ->
                lines.add("Note: " + file.fileName() + ": read as " + file.encoding() + "; " + file.encodingNote()));
        // Files whose layout is not a dataset's: what they are nearest, so a new layout can get its profile.
        result.inspection().unrecognised().forEach(file -> lines.add("Not loaded: " + file.fileName() + ": " + file.reason()));
        result.inspection().files().stream().filter(file -> !file.ownLayout()).forEach(file ->
                lines.add("Layout: " + file.fileName() + (file.sheet().isEmpty() ? "" : " [" + file.sheet() + "]") + " read as " + file.profile() + " into " + file.dataset().tableName()));
        return lines;
    }

    /** The one-line reason the gate failed, for the error line and exit code 3. */
    static String gateFailure(IngestJob.Gate gate)
    {
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, Double> failing : gate.failingDatasets().entrySet()) {
            reasons.add(String.format(Locale.ROOT, "%s rejected %.1f%% > %.1f%%", failing.getKey(), failing.getValue() * 100, gate.threshold() * 100));
        }
        if (gate.refusedFiles() > 0) {
            reasons.add(gate.refusedFiles() + (gate.refusedFiles() == 1 ? " file refused" : " files refused"));
        }
        return "data-quality gate failed: " + String.join("; ", reasons);
    }
}
