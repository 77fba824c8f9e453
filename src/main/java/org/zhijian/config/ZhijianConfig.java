package org.zhijian.config;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import static java.util.Objects.requireNonNullElse;

/**
 * The settings of conf/zhijian.yaml after environment variables and flags were applied.
 * Sections left out of the file take their defaults.
 */
public record ZhijianConfig(
        @JsonProperty("paths") PathSettings paths,
        @JsonProperty("spark") SparkSettings spark,
        @JsonProperty("report") ReportSettings report,
        @JsonProperty("quality") QualitySettings quality,
        @JsonProperty("generate") GenerateSettings generate,
        @JsonProperty("export") ExportSettings export,
        @JsonProperty("ingest") IngestSettings ingest)
{
    public ZhijianConfig
    {
        paths = requireNonNullElse(paths, new PathSettings(null, null, null));
        spark = requireNonNullElse(spark, new SparkSettings(null, null, null));
        report = requireNonNullElse(report, new ReportSettings(null, null, null));
        quality = requireNonNullElse(quality, new QualitySettings(null, null));
        generate = requireNonNullElse(generate, new GenerateSettings(null, null, null, null));
        export = requireNonNullElse(export, new ExportSettings(null, null, null));
        ingest = requireNonNullElse(ingest, new IngestSettings(null, null, null));
    }

    /** How much one raw record or workbook part may make the readers hold, in bytes. */
    public record IngestSettings(
            @JsonProperty("max_line_bytes") Long maxLineBytes,
            @JsonProperty("max_sheet_bytes") Long maxSheetBytes,
            @JsonProperty("max_shared_strings_bytes") Long maxSharedStringsBytes)
    {
        public IngestSettings
        {
            maxLineBytes = requireNonNullElse(maxLineBytes, 1L << 20);
            maxSheetBytes = requireNonNullElse(maxSheetBytes, 2L << 30);
            maxSharedStringsBytes = requireNonNullElse(maxSharedStringsBytes, 64L << 20);
        }
    }

    /**
     * Exports: whether `export --unmask` may reveal personal data, which further columns (beyond
     * those the schema marks personal, such as legal_rep and phone) are personal, and how long an
     * export may run before it is cancelled (90s, 30m, 2h).
     */
    public record ExportSettings(
            @JsonProperty("allow_unmask") Boolean allowUnmask,
            @JsonProperty("personal_columns") List<String> personalColumns,
            @JsonProperty("timeout") String timeout)
    {
        public ExportSettings
        {
            allowUnmask = requireNonNullElse(allowUnmask, false);
            personalColumns = List.copyOf(requireNonNullElse(personalColumns, List.of()));
            timeout = requireNonNullElse(timeout, "30m");
        }

        public java.time.Duration timeoutDuration()
        {
            return ConfigDurations.parse("export.timeout", timeout);
        }
    }

    /** Where raw files, the lake and reports live; any Hadoop URI for the lake. */
    public record PathSettings(
            @JsonProperty("raw") String raw,
            @JsonProperty("lake") String lake,
            @JsonProperty("reports") String reports)
    {
        public PathSettings
        {
            raw = requireNonNullElse(raw, "data/raw");
            lake = requireNonNullElse(lake, "lake");
            reports = requireNonNullElse(reports, "reports/out");
        }
    }

    /** The embedded or cluster Spark session. */
    public record SparkSettings(
            @JsonProperty("master") String master,
            @JsonProperty("shuffle_partitions") Integer shufflePartitions,
            @JsonProperty("settings") Map<String, String> settings)
    {
        public SparkSettings
        {
            master = requireNonNullElse(master, "local[*]");
            shufflePartitions = requireNonNullElse(shufflePartitions, 8);
            settings = Map.copyOf(requireNonNullElse(settings, Map.of()));
        }
    }

    /**
     * Report language: zh (default) or en; font: a TTF/OTF/TTC file for charts, else an installed
     * CJK font is found; definition: the report definition the brief follows.
     */
    public record ReportSettings(@JsonProperty("language") String language, @JsonProperty("font") String font, @JsonProperty("definition") String definition)
    {
        public ReportSettings
        {
            language = requireNonNullElse(language, "zh");
            definition = requireNonNullElse(definition, "reports/brief.yaml");
        }
    }

    /** The data-quality gate: the reject share above which a run fails with exit code 3. */
    public record QualitySettings(
            @JsonProperty("reject_gate") Double rejectGate,
            @JsonProperty("accept_pilot_credit_codes") Boolean acceptPilotCreditCodes)
    {
        public QualitySettings
        {
            rejectGate = requireNonNullElse(rejectGate, 0.05);
            acceptPilotCreditCodes = requireNonNullElse(acceptPilotCreditCodes, false);
        }
    }

    /** Defaults of `generate` and of the sample data `demo` writes. */
    public record GenerateSettings(
            @JsonProperty("scale") Double scale,
            @JsonProperty("seed") Long seed,
            @JsonProperty("dirty") Double dirty,
            @JsonProperty("formats") List<String> formats)
    {
        public GenerateSettings
        {
            scale = requireNonNullElse(scale, 0.1);
            seed = requireNonNullElse(seed, 20251231L);
            dirty = requireNonNullElse(dirty, 0.0);
            formats = List.copyOf(requireNonNullElse(formats, List.of("csv")));
        }
    }
}
