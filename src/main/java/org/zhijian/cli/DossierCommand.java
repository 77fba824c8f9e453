package org.zhijian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.export.OutputFiles;
import org.zhijian.indicators.credit.CreditScorecard;
import org.zhijian.lake.PersonalData;
import org.zhijian.reference.CreditCode;
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
        List<String> badLines = new ArrayList<>();
        List<String> listed = list == null ? List.of() : readList(list, badLines);
        String lang = config.report().language();
        CreditScorecard scorecard = CreditScorecard.load(context.configDirectory().resolve("credit_scorecard.yaml"));
        List<String> grades = scorecard.grades().stream().map(CreditScorecard.Grade::grade).toList();
        if (grade != null && !grades.contains(grade)) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--grade must be one of the scorecard's grades " + grades + ", not " + grade);
        }
        Map<String, String> names = new LinkedHashMap<>();
        context.reference().divisions().cities().forEach(city -> names.put(city.code(), "en".equals(lang) ? city.englishName() : city.name()));
        context.reference().divisions().counties().forEach(county -> names.put(county.code(), "en".equals(lang) ? county.englishName() : county.name()));
        DossierWorkbook workbook = new DossierWorkbook(lang, scorecard, names);
        Console console = context.console();
        SparkSession spark = SparkSessions.open(config.spark());
        try {
            long started = System.nanoTime();
            DossierJob job = new DossierJob(spark, config.paths().lake(), new PersonalData(config.export().personalColumns()), unmask);
            List<String> codes;
            if (subject != null) {
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
                Set<String> known = job.known(listed);
                codes = new ArrayList<>();
                for (String code : listed) {
                    if (known.contains(code)) {
                        codes.add(code);
                    }
                    else {
                        badLines.add(list + ": " + code + ": no enterprise with this credit code in the register");
                    }
                }
            }
            boolean one = subject != null;
            Path folder = one ? null : (out != null ? out : Path.of(config.paths().reports(), "dossiers"));
            if (one && out != null && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "--out for one dossier is a file ending in .xlsx: " + out);
            }
            List<DossierJob.Dossier> dossiers = job.read(codes);
            int written = 0;
            for (DossierJob.Dossier dossier : dossiers) {
                Path target = one ? (out != null ? out : Path.of(config.paths().reports(), "dossiers", workbook.fileName(dossier.creditCode())))
                        : folder.resolve(workbook.fileName(dossier.creditCode()));
                target = OutputFiles.checkWritable(target, job.lake());
                workbook.write(dossier, job.lake().current().version(), target);
                written++;
                console.progress(String.format(Locale.ROOT, "  [%d/%d] %s", written, dossiers.size(), target));
            }
            for (String bad : badLines) {
                console.error(bad);
            }
            String where = one ? String.valueOf(out != null ? out : Path.of(config.paths().reports(), "dossiers")) : String.valueOf(folder);
            console.result(String.format(Locale.ROOT, "Wrote %d dossier%s to %s in %.1f s%s", written, written == 1 ? "" : "s", where, (System.nanoTime() - started) / 1e9,
                    unmask ? "; personal data in clear (--unmask)" : ""));
            if (!badLines.isEmpty()) {
                throw new ZhijianException(ZhijianException.Code.USAGE, badLines.size() + " line" + (badLines.size() == 1 ? "" : "s") + " of " + list + " could not be written (listed above); the others were");
            }
            return 0;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The credit codes of a list file; lines that are not one are reported with their numbers, the rest kept. */
    private static List<String> readList(Path file, List<String> bad)
    {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "cannot read --list " + file + ": " + e.getMessage());
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("\uFEFF", "").strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String code = line.toUpperCase(Locale.ROOT);
            CreditCode.Verdict verdict = CreditCode.verify(code);
            if (verdict == CreditCode.Verdict.VALID) {
                if (!codes.contains(code)) {
                    codes.add(code);
                }
            }
            else {
                bad.add(file + ":" + (i + 1) + ": " + line + ": " + (verdict == CreditCode.Verdict.BAD_FORMAT ? "not an 18-character credit code"
                        : "fails the GB 32100 check (last character should be " + CreditCode.expectedCheckCharacter(code).map(String::valueOf).orElse("?") + ")"));
            }
        }
        return codes;
    }
}
