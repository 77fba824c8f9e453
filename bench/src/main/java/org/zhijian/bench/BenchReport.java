package org.zhijian.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns one scale's {@code results.tsv} (written by bench/run.sh) into medians, prints them, and
 * rewrites that scale's section of docs/benchmarks.md (between {@code <!-- bench:scale=S -->}
 * markers) and the growth section (from every scale measured in bench/out). Everything else in the
 * file — the analysis written by hand — is kept as it is.
 *
 * <p>Usage: {@code BenchReport DOCS_FILE BENCH_OUT SCALE}
 */
public final class BenchReport
{
    static final List<String> STAGES = List.of("generate", "ingest", "build", "build_forecasts", "dossier_one", "dossier_100", "report_xlsx", "report", "scenario", "export_xlsx", "export_csv", "validate_xls", "validate_xls_csv",
            "validate_notice", "validate_notice_csv", "validate_register", "validate_register_csv");
    static final double PIPELINE_TARGET_S = 180;
    static final double DEMO_TARGET_S = 240;
    static final double FORECAST_TARGET_S = 15;
    static final double DOSSIER_TARGET_S = 20;
    static final double DOSSIERS_TARGET_S = 120;
    /** What writing the HTML page beside the workbook may add to a report (issue 23). */
    static final double HTML_TARGET_S = 3;
    /** A full .xls sheet against the same rows as CSV (issue 19). */
    static final double XLS_TARGET = 1.5;
    static final double WRITER_TARGET = 1.5;
    static final double DUCKDB_TARGET = 3;

    /** One line of results.tsv. */
    record Measurement(String stage, int run, OptionalDouble wall, OptionalDouble rssKb, OptionalDouble rows, String note) {}

    private BenchReport() {}

    public static void main(String[] args)
            throws IOException
    {
        Path docs = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String scale = args[2];
        List<Measurement> results = read(out.resolve("scale-" + scale).resolve("results.tsv"));
        Map<String, String> machine = machine(out.resolve("scale-" + scale).resolve("machine.tsv"));
        String section = section(scale, results, machine);
        System.out.println(section);
        String text = Files.exists(docs) ? Files.readString(docs, StandardCharsets.UTF_8) : "# Benchmarks\n";
        text = replace(text, "scale=" + scale, section, scale);
        Optional<String> growth = growth(out);
        if (growth.isPresent()) {
            System.out.println(growth.get());
            text = replace(text, "growth", growth.get(), null);
        }
        Files.writeString(docs, text, StandardCharsets.UTF_8);
        System.out.println("Wrote " + docs);
    }

    static List<Measurement> read(Path file)
            throws IOException
    {
        List<Measurement> results = new ArrayList<>();
        for (String[] cells : rows(file, 6)) {
            results.add(new Measurement(cells[0], Integer.parseInt(cells[1]), number(cells[2]), number(cells[3]), number(cells[4]), cells[5] == null ? "" : cells[5]));
        }
        return results;
    }

    /** The rows of a results.tsv after its header, each as {@code width} cells (null where a row has fewer). */
    static List<String[]> rows(Path file, int width)
            throws IOException
    {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().map(line -> Arrays.copyOf(line.split("\t", -1), width)).toList();
    }

    private static OptionalDouble number(String cell)
    {
        return cell == null || cell.isBlank() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(cell));
    }

    static Map<String, String> machine(Path file)
            throws IOException
    {
        Map<String, String> machine = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    machine.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return machine;
    }

    static OptionalDouble median(Stream<OptionalDouble> values)
    {
        double[] sorted = values.filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).sorted().toArray();
        if (sorted.length == 0) {
            return OptionalDouble.empty();
        }
        int middle = sorted.length / 2;
        return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    private static List<Measurement> of(List<Measurement> results, String stage)
    {
        return results.stream().filter(m -> m.stage().equals(stage)).toList();
    }

    static OptionalDouble medianWall(List<Measurement> results, String stage)
    {
        return median(of(results, stage).stream().map(Measurement::wall));
    }

    /** A key=value field of a writer's note, e.g. seconds or peak_heap_mb. */
    static Optional<String> field(String note, String key)
    {
        for (String part : note.split(" ")) {
            if (part.startsWith(key + "=")) {
                return Optional.of(part.substring(key.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static OptionalDouble medianField(List<Measurement> rows, String key)
    {
        return median(rows.stream().map(m -> field(m.note(), key).map(v -> OptionalDouble.of(Double.parseDouble(v))).orElse(OptionalDouble.empty())));
    }

    static String section(String scale, List<Measurement> results, Map<String, String> machine)
    {
        StringBuilder text = new StringBuilder();
        text.append("## Scale ").append(scale).append("\n\n");
        text.append("Measured ").append(machine.getOrDefault("date", "?")).append(" at commit ").append(machine.getOrDefault("commit", "?"))
                .append(" with `").append(machine.getOrDefault("command", "bench/run.sh --scale " + scale)).append("`.  \n");
        text.append("Machine: ").append(machine.getOrDefault("cores", "?")).append(" cores (").append(machine.getOrDefault("cpu", "?")).append("), ")
                .append(machine.getOrDefault("memory", "?")).append(", ").append(machine.getOrDefault("os", "?")).append(", ")
                .append(machine.getOrDefault("java", "?")).append(".\n\n");

        int runs = results.stream().filter(m -> m.stage().equals("ingest")).mapToInt(Measurement::run).max().orElse(0);
        text.append("### Stages (median of ").append(runs).append(" runs, each a fresh `./zhijian` process)\n\n");
        text.append("| stage | rows | wall s | rows/s | peak RSS MB | runs (s) |\n|---|---:|---:|---:|---:|---|\n");
        for (String stage : STAGES) {
            List<Measurement> rows = of(results, stage);
            if (rows.isEmpty()) {
                continue;
            }
            OptionalDouble wall = median(rows.stream().map(Measurement::wall));
            OptionalDouble rss = median(rows.stream().map(Measurement::rssKb));
            OptionalDouble count = median(rows.stream().map(Measurement::rows));
            text.append("| ").append(stage).append(" | ").append(count.isPresent() ? whole(count.getAsDouble()) : "").append(" | ")
                    .append(fixed(wall, 1)).append(" | ")
                    .append(wall.isPresent() && count.isPresent() && wall.getAsDouble() > 0 ? whole(count.getAsDouble() / wall.getAsDouble()) : "").append(" | ")
                    .append(rss.isPresent() ? whole(rss.getAsDouble() / 1024) : "").append(" | ")
                    .append(String.join(", ", rows.stream().map(m -> fixed(m.wall(), 1)).toList())).append(" |\n");
        }
        text.append("\nrows: generate = CSV data lines written; ingest = raw CSV rows read; build = staged rows read; "
                + "build_forecasts = series forecast (its time is the step's own, within build's); dossier = dossiers written; report = rows of marts.indicator_values; scenario = draws; export = rows written.\n");
        of(results, "demo").stream().findFirst().ifPresent(demo -> text.append("\n`./zhijian demo` (fresh data and lake, the launcher's build already done): ")
                .append(fixed(demo.wall(), 1)).append(" s wall, ").append(demo.rssKb().isPresent() ? whole(demo.rssKb().getAsDouble() / 1024) : "?").append(" MB peak RSS.\n"));

        List<String[]> targets = new ArrayList<>();
        double pipeline = medianWall(results, "ingest").orElse(Double.NaN) + medianWall(results, "build").orElse(Double.NaN) + medianWall(results, "report").orElse(Double.NaN);
        if (scale.equals("1") && !Double.isNaN(pipeline)) {
            targets.add(new String[] {"ingest + build + report < 3 min", fixed(OptionalDouble.of(pipeline), 1) + " s", verdict(pipeline < PIPELINE_TARGET_S)});
        }
        OptionalDouble forecasting = medianWall(results, "build_forecasts");
        if (scale.equals("1") && forecasting.isPresent()) {
            targets.add(new String[] {"forecasting adds < 15 s to build", fixed(forecasting, 1) + " s", verdict(forecasting.getAsDouble() < FORECAST_TARGET_S)});
        }
        OptionalDouble dossier = medianWall(results, "dossier_one");
        if (scale.equals("1") && dossier.isPresent()) {
            targets.add(new String[] {"one dossier from a cold process < 20 s", fixed(dossier, 1) + " s", verdict(dossier.getAsDouble() < DOSSIER_TARGET_S)});
        }
        OptionalDouble dossiers = medianWall(results, "dossier_100");
        if (scale.equals("1") && dossiers.isPresent()) {
            targets.add(new String[] {"100 dossiers in one run < 2 min", fixed(dossiers, 1) + " s", verdict(dossiers.getAsDouble() < DOSSIERS_TARGET_S)});
        }
        OptionalDouble workbookOnly = medianWall(results, "report_xlsx");
        OptionalDouble both = medianWall(results, "report");
        if (workbookOnly.isPresent() && both.isPresent()) {
            double html = both.getAsDouble() - workbookOnly.getAsDouble();
            targets.add(new String[] {"the HTML page adds < 3 s to a report (report − report_xlsx, medians of alternated runs)", fixed(OptionalDouble.of(html), 1) + " s",
                    verdict(html < HTML_TARGET_S)});
        }
        ratio(results, targets, "validate_xls", "a full 65,536-row .xls sheet validates within 1.5× the same rows as CSV, -Xmx512m");
        ratio(results, targets, "validate_notice", "a national notice (.xlsx, up to 100,000 batches, producers resolved by name) validates within 1.5× the same rows as CSV");
        ratio(results, targets, "validate_register", "a register export (up to 300,000 enterprises, county from 登记机关) validates within 1.5× the same rows as CSV");
        of(results, "demo").stream().findFirst().flatMap(demo -> demo.wall().isPresent() ? Optional.of(demo.wall().getAsDouble()) : Optional.empty())
                .ifPresent(demo -> targets.add(new String[] {"`./zhijian demo` < 4 min", fixed(OptionalDouble.of(demo), 1) + " s", verdict(demo < DEMO_TARGET_S)}));

        versus(results, scale, text, targets);
        writers(results, text, targets);

        if (!targets.isEmpty()) {
            text.append("\n### Targets at this scale\n\n| target | measured | |\n|---|---:|---|\n");
            targets.forEach(t -> text.append("| ").append(t[0]).append(" | ").append(t[1]).append(" | ").append(t[2]).append(" |\n"));
        }
        return text.toString();
    }

    /** A stage against the same rows as the project's CSV ({@code stage}_csv), medians of alternated runs, held to 1.5×. */
    private static void ratio(List<Measurement> results, List<String[]> targets, String stage, String target)
    {
        OptionalDouble file = medianWall(results, stage);
        OptionalDouble csv = medianWall(results, stage + "_csv");
        if (file.isPresent() && csv.isPresent()) {
            double ratio = file.getAsDouble() / csv.getAsDouble();
            targets.add(new String[] {target, String.format(Locale.ROOT, "%.2f×", ratio), verdict(ratio <= XLS_TARGET)});
        }
    }

    private static void versus(List<Measurement> results, String scale, StringBuilder text, List<String[]> targets)
    {
        if (results.stream().noneMatch(m -> m.stage().startsWith("versus:"))) {
            return;
        }
        boolean targetScale = Double.parseDouble(scale) >= 3;
        text.append("\n### zhijian vs DuckDB on the inspections (warm: one JVM each, first run not counted; median of the rest)\n\n");
        text.append("| task | zhijian s | DuckDB s | zhijian ÷ DuckDB |\n|---|---:|---:|---:|\n");
        for (String task : List.of("load", "city_quarter", "category_year")) {
            OptionalDouble ours = medianWall(results, "versus:zhijian:" + task);
            OptionalDouble duck = medianWall(results, "versus:duckdb:" + task);
            if (ours.isEmpty() || duck.isEmpty()) {
                continue;
            }
            double ratio = ours.getAsDouble() / duck.getAsDouble();
            text.append("| ").append(task).append(" | ").append(fixed(ours, 2)).append(" | ").append(fixed(duck, 2)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f×", ratio)).append(" |\n");
            String name = "zhijian ÷ DuckDB, " + task + " < 3×" + (targetScale ? "" : " (target from scale 3)");
            targets.add(new String[] {name, String.format(Locale.ROOT, "%.1f×", ratio), targetScale ? verdict(ratio < DUCKDB_TARGET) : "informational"});
        }
        text.append("\nSame numbers (batches and passed per group):\n\n");
        results.stream().filter(m -> m.stage().startsWith("check:")).forEach(m ->
                text.append("- ").append(m.stage().substring("check:".length())).append(": ").append(m.note()).append('\n'));
    }

    private static void writers(List<Measurement> results, StringBuilder text, List<String[]> targets)
    {
        Map<String, List<Measurement>> byWriter = new TreeMap<>();
        results.stream().filter(m -> m.stage().startsWith("writer:")).forEach(m -> byWriter.computeIfAbsent(m.stage(), k -> new ArrayList<>()).add(m));
        if (byWriter.isEmpty()) {
            return;
        }
        OptionalDouble fast = medianField(byWriter.getOrDefault("writer:fastexcel:512m", List.of()), "seconds");
        text.append("\n### Excel writers, 1,000,000 rows × 12 columns, in one JVM each (median)\n\n");
        text.append("| writer | heap cap | result | write s | ÷ fastexcel | peak heap MB | live heap MB | process RSS MB | file MB | runs |\n")
                .append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Measurement>> entry : byWriter.entrySet()) {
            String[] parts = entry.getKey().split(":");
            List<Measurement> rows = entry.getValue();
            String status = rows.stream().map(m -> field(m.note(), "status").orElse("?")).distinct().reduce((a, b) -> a + "/" + b).orElse("?");
            OptionalDouble seconds = medianField(rows, "seconds");
            String ratio = seconds.isPresent() && fast.isPresent() && status.equals("ok") ? String.format(Locale.ROOT, "%.2f×", seconds.getAsDouble() / fast.getAsDouble()) : "";
            OptionalDouble written = medianField(rows, "rows");
            text.append("| ").append(parts[1]).append(" | ").append(parts[2]).append(" | ")
                    .append(status.equals("ok") ? "ok" : status + " after " + (written.isPresent() ? whole(written.getAsDouble()) : "?") + " rows").append(" | ")
                    .append(fixed(seconds, 1)).append(" | ").append(ratio).append(" | ")
                    .append(fixed(medianField(rows, "peak_heap_mb"), 0)).append(" | ").append(fixed(medianField(rows, "live_heap_mb"), 0)).append(" | ")
                    .append(fixed(median(rows.stream().map(Measurement::rssKb)).stream().map(v -> v / 1024).findFirst(), 0)).append(" | ")
                    .append(fixed(medianField(rows, "bytes").stream().map(v -> v / 1048576).findFirst(), 1)).append(" | ")
                    .append(rows.size()).append(" |\n");
        }
        text.append("\npeak heap = the heap pools' peak use (bounded by the cap); live heap = the most still in use after a collection.\n");
        OptionalDouble ours = medianField(byWriter.getOrDefault("writer:zhijian:512m", List.of()), "seconds");
        if (ours.isPresent() && fast.isPresent()) {
            double ratio = ours.getAsDouble() / fast.getAsDouble();
            targets.add(new String[] {"export's xlsx writer ≤ 1.5× fastexcel, -Xmx512m", String.format(Locale.ROOT, "%.2f×", ratio), verdict(ratio <= WRITER_TARGET)});
        }
        OptionalDouble command = medianWall(results, "export_xlsx");
        OptionalDouble commandRows = median(of(results, "export_xlsx").stream().map(Measurement::rows));
        if (command.isPresent() && fast.isPresent() && commandRows.isPresent() && commandRows.getAsDouble() >= 1_000_000) {
            double ratio = command.getAsDouble() / fast.getAsDouble();
            targets.add(new String[] {"whole `export` command (JVM, Spark, Parquet read, xlsx) ≤ 1.5× fastexcel's write, -Xmx512m",
                    String.format(Locale.ROOT, "%.2f×", ratio), verdict(ratio <= WRITER_TARGET)});
        }
    }

    /** Wall time per stage at every scale measured, and how it grows from scale 1 to 3 against the data. */
    static Optional<String> growth(Path out)
            throws IOException
    {
        Map<Double, List<Measurement>> byScale = new TreeMap<>();
        if (!Files.isDirectory(out)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(out)) {
            for (Path folder : folders.filter(p -> p.getFileName().toString().startsWith("scale-")).toList()) {
                Path file = folder.resolve("results.tsv");
                if (Files.exists(file)) {
                    byScale.put(Double.parseDouble(folder.getFileName().toString().substring("scale-".length())), read(file));
                }
            }
        }
        if (byScale.size() < 2) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("## Growth with data (median wall s; from bench/out/scale-*/results.tsv)\n\n| stage |");
        byScale.keySet().forEach(s -> text.append(" scale ").append(scale(s)).append(" |"));
        boolean oneAndThree = byScale.containsKey(1.0) && byScale.containsKey(3.0);
        text.append(oneAndThree ? " 1→3 time | 1→3 stage rows | time ≤ 3× (linear) |\n" : "\n").append("|---|");
        byScale.keySet().forEach(s -> text.append("---:|"));
        text.append(oneAndThree ? "---:|---:|---|\n" : "\n");
        for (String stage : STAGES) {
            text.append("| ").append(stage).append(" |");
            byScale.values().forEach(results -> text.append(' ').append(fixed(medianWall(results, stage), 1)).append(" |"));
            if (oneAndThree) {
                OptionalDouble one = medianWall(byScale.get(1.0), stage);
                OptionalDouble three = medianWall(byScale.get(3.0), stage);
                OptionalDouble rowsOne = median(of(byScale.get(1.0), stage).stream().map(Measurement::rows));
                OptionalDouble rowsThree = median(of(byScale.get(3.0), stage).stream().map(Measurement::rows));
                if (one.isPresent() && three.isPresent() && rowsOne.isPresent() && rowsThree.isPresent()) {
                    // Linear in the data: time grows no faster than the scale (3×), whatever the
                    // stage's own row count does (a brief or 10,000 draws do not grow with the data).
                    double time = three.getAsDouble() / one.getAsDouble();
                    double rows = rowsThree.getAsDouble() / rowsOne.getAsDouble();
                    text.append(String.format(Locale.ROOT, " %.2f× | %.2f× | %s |", time, rows, verdict(time <= 3.0)));
                }
                else {
                    text.append(" | | |");
                }
            }
            text.append('\n');
        }
        return Optional.of(text.toString());
    }

    /** Replaces the block between the markers named {@code name}, or adds it (scales in order, growth last). */
    static String replace(String text, String name, String block, String scale)
    {
        String begin = "<!-- bench:" + name + " begin (generated by bench/run.sh) -->";
        String end = "<!-- bench:" + name + " end -->";
        String replacement = begin + "\n" + block.strip() + "\n" + end;
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from >= 0 && to > from) {
            return text.substring(0, from) + replacement + text.substring(to + end.length());
        }
        // New block: before the first block of a larger scale, else before the growth block, else at the end.
        if (scale != null) {
            double value = Double.parseDouble(scale);
            int position = -1;
            java.util.regex.Matcher marker = java.util.regex.Pattern.compile("<!-- bench:scale=([0-9.]+) begin").matcher(text);
            while (marker.find()) {
                if (Double.parseDouble(marker.group(1)) > value) {
                    position = marker.start();
                    break;
                }
            }
            if (position < 0) {
                position = text.indexOf("<!-- bench:growth begin");
            }
            if (position >= 0) {
                return text.substring(0, position) + replacement + "\n\n" + text.substring(position);
            }
        }
        return text.stripTrailing() + "\n\n" + replacement + "\n";
    }

    private static String scale(double value)
    {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String verdict(boolean met)
    {
        return met ? "met" : "**missed**";
    }

    private static String fixed(OptionalDouble value, int digits)
    {
        return value.isPresent() ? String.format(Locale.ROOT, "%,." + digits + "f", value.getAsDouble()) : "";
    }

    private static String whole(double value)
    {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
