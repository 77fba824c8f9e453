package org.zhijian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.credit.CreditScorecard;
import org.zhijian.lake.PersonalData;
import org.zhijian.report.DossierJob;
import org.zhijian.report.DossierWorkbook;
import org.zhijian.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `dossier`: one enterprise's quality-credit file, or many at once. */
@Command(name = "dossier", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write an enterprise's quality-credit dossier (企业质量信用档案) as a workbook: 概况, 信用等级 (grade and score per year",
                "with every reason, the red and black lists), 抽查记录, 案件, 品牌与认证, 标准 (every row with its source file and line),",
                "同行比较 (its pass rate against the enterprises of its county and industry division) and 来源.",
                "Give a credit code or a name; or --grade G --year Y, or --list FILE (one credit code a line), for many in one run.",
                "Personal data is masked as in export unless --unmask (only where conf sets export.allow_unmask).",
                "Default: <reports>/dossiers/."})
public final class DossierCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Parameters(arity = "0..1", paramLabel = "CODE|NAME", description = "The enterprise: its unified social credit code, or its name (or part of it).")
    String subject;

    @Option(names = "--grade", paramLabel = "GRADE", description = "Every enterprise with this grade in --year.")
    String grade;

    @Option(names = "--year", paramLabel = "YYYY", description = "With --grade: the year of the ratings.")
    Integer year;

    @Option(names = "--list", paramLabel = "FILE", description = "A file of credit codes, one a line (# starts a comment).")
    Path list;

    @Option(names = "--out", paramLabel = "FILE|DIR", description = "One dossier: the .xlsx file; many: the folder.")
    Path out;

    @Option(names = "--lang", paramLabel = "zh|en", description = "Language of the workbook (default: report.language of conf).")
    String language;

    @Option(names = "--unmask", description = "Show personal data in clear (only where conf sets export.allow_unmask).")
    boolean unmask;

    @Override
    public Integer call()
    {
        int ways = (subject != null ? 1 : 0) + (grade != null ? 1 : 0) + (list != null ? 1 : 0);
        if (ways != 1) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "give one of: a credit code or name, --grade with --year, or --list FILE");
        }
        if ((grade == null) != (year == null)) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--grade and --year go together");
        }
        CommandContext context = CommandContext.create(global, Optional.empty(), Optional.ofNullable(language));
        var config = context.config();
        if (unmask && !config.export().allowUnmask()) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "refused: --unmask is not allowed here (conf: export.allow_unmask is false)");
        }
        DossierJob.ListFile listed = list == null ? new DossierJob.ListFile(Map.of(), List.of()) : DossierJob.readList(list);
        List<String> problems = new ArrayList<>(listed.problems());
        String lang = config.report().language();
        CreditScorecard scorecard = CreditScorecard.load(context.configDirectory().resolve("credit_scorecard.yaml"));
        List<String> grades = scorecard.grades().stream().map(CreditScorecard.Grade::grade).toList();
        if (grade != null && !grades.contains(grade)) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--grade must be one of the scorecard's grades " + grades + ", not " + grade);
        }
        boolean one = subject != null;
        if (one && out != null && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--out for one dossier is a file ending in .xlsx: " + out);
        }
        Path folder = out != null && !one ? out : Path.of(config.paths().reports(), "dossiers");
        DossierWorkbook workbook = new DossierWorkbook(lang, scorecard, context.reference().divisions().names(!"en".equals(lang)));
        Console console = context.console();
        SparkSession spark = SparkSessions.open(config.spark());
        try {
            long started = System.nanoTime();
            DossierJob job = new DossierJob(spark, config.paths().lake(), new PersonalData(config.export().personalColumns()), unmask);
            List<String> codes;
            if (one) {
                codes = List.of(job.resolve(subject));
            }
            else if (grade != null) {
                codes = job.graded(grade, year);
                if (codes.isEmpty()) {
                    console.result("No enterprise graded " + grade + " in " + year + "; nothing written");
                    return 0;
                }
            }
            else {
                Set<String> known = job.known(List.copyOf(listed.codes().keySet()));
                codes = new ArrayList<>();
                for (Map.Entry<String, Integer> code : listed.codes().entrySet()) {
                    if (known.contains(code.getKey())) {
                        codes.add(code.getKey());
                    }
                    else {
                        problems.add(list + ":" + code.getValue() + ": " + code.getKey() + ": no enterprise with this credit code in the register");
                    }
                }
            }
            List<Path> written = job.write(codes, workbook, code -> one && out != null ? out : folder.resolve(workbook.fileName(code)), console::progress);
            problems.forEach(console::error);
            console.result(String.format(Locale.ROOT, "Wrote %d dossier%s to %s in %.1f s%s", written.size(), written.size() == 1 ? "" : "s",
                    one && out != null ? out : folder, (System.nanoTime() - started) / 1e9, unmask ? "; personal data in clear (--unmask)" : ""));
            if (!problems.isEmpty()) {
                throw new ZhijianException(ZhijianException.Code.USAGE, problems.size() + " line" + (problems.size() == 1 ? "" : "s") + " of " + list
                        + " could not be written (listed above); the others were");
            }
            return 0;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
