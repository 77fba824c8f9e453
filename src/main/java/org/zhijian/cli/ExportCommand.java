package org.zhijian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.export.ExportJob;
import org.zhijian.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `export`: any lake table or read-only query to xlsx or csv. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a lake table or a read-only query to .xlsx or .csv, streamed: any row count, typed cells,",
                "a data-dictionary sheet (字段说明) and a metadata sheet (元数据). `zhijian lake` lists the tables (layer.table).",
                "Only one read-only query over lake tables is accepted; personal data (legal_rep, phone, ...) is masked",
                "in the tables the query reads, so nothing it computes shows the clear value."})
public final class ExportCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Option(names = "--sql", paramLabel = "QUERY", description = "A read-only query, e.g. \"SELECT city_code, count(*) AS batches FROM staged.inspections GROUP BY city_code\".")
    String sql;

    @Option(names = "--table", paramLabel = "LAYER.TABLE", description = "A lake table to export, e.g. staged.inspections.")
    String table;

    @Option(names = "--where", paramLabel = "CONDITION", description = "With --table: keep the rows matching this SQL condition, e.g. \"year = 2025\".")
    String where;

    @Option(names = "--columns", paramLabel = "LIST", split = ",", description = "With --table: the columns to export, in order.")
    List<String> columns;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write: .xlsx or .csv.")
    Path out;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "utf-8", description = "CSV encoding: utf-8 (with BOM, the default) or gb18030.")
    String encoding;

    @Option(names = "--unmask", description = "Show personal data in clear (only where conf sets export.allow_unmask).")
    boolean unmask;

    @Option(names = "--lang", paramLabel = "zh|en", description = "Sheet names and metadata labels (default: report.language of conf).")
    String language;

    @Option(names = "--rows-per-sheet", hidden = true, defaultValue = "1048575", description = "Data rows per sheet before a continuation sheet.")
    int rowsPerSheet;

    @Override
    public Integer call()
    {
        CommandContext context = CommandContext.create(global, Optional.empty(), Optional.ofNullable(language));
        if ((sql == null) == (table == null)) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "give either --sql or --table");
        }
        if (sql != null && (where != null || columns != null)) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--where and --columns go with --table; write them into --sql instead");
        }
        if (rowsPerSheet < 1 || rowsPerSheet > 1_048_575) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--rows-per-sheet must be between 1 and 1048575");
        }
        Charset charset = switch (encoding.toLowerCase(Locale.ROOT)) {
            case "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "gb18030", "gbk" -> Charset.forName("GB18030");
            default -> throw new ZhijianException(ZhijianException.Code.USAGE, "--encoding: use utf-8 or gb18030, not " + encoding);
        };
        var config = context.config();
        ExportJob.Request request = new ExportJob.Request(Optional.ofNullable(sql), Optional.ofNullable(table), Optional.ofNullable(where),
                columns == null ? List.of() : columns, out, charset, unmask, config.export().allowUnmask(), config.export().personalColumns(),
                !config.report().language().equals("en"), rowsPerSheet, config.export().timeoutDuration());
        Console console = context.console();
        console.progress("export " + (sql != null ? sql : table) + " -> " + out);
        SparkSession spark = SparkSessions.open(config.spark());
        ExportJob.Result result;
        try {
            result = new ExportJob(spark, config.paths().lake()).run(request);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.result(String.format(Locale.ROOT, "Exported %,d rows × %d columns to %s in %.1f s%s", result.rows(), result.columns(), result.out(),
                result.durationMs() / 1000.0, unmask ? "; personal data in clear (--unmask, recorded in the metadata)"
                        : result.masked().isEmpty() ? "" : "; masked: " + String.join(", ", result.masked())));
        return 0;
    }
}
