package org.zhijian.cli;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.zhijian.ZhijianException;
import org.zhijian.ingest.IngestJob;
import org.zhijian.ingest.RawFileInspector;
import org.zhijian.ingest.ReaderLimits;
import picocli.CommandLine.Option;

/** The options `validate` and `ingest` share: what to read and how to judge it. */
public final class IngestOptions
{
    @Option(names = "--input", paramLabel = "DIR", description = "Raw folder (or one file): a local path or any Hadoop URI. Default: paths.raw of conf.")
    String input;

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "Force the encoding of CSV files (utf-8, gb18030, gbk). Default: detect (BOM, then strict UTF-8, then GB18030).")
    String encoding;

    @Option(names = "--sheet", paramLabel = "NAME", description = "Sheet to read from workbooks that have it. Default: every sheet, each recognised by its header row.")
    String sheet;

    @Option(names = "--profile", paramLabel = "NAME", description = "Read every file with this source profile (conf/sources/NAME.yaml) instead of recognising each by its header row.")
    String profile;

    @Option(names = "--sampled-on", paramLabel = "YYYY-MM-DD",
            description = "The sampling date of files of other layouts (a published notice) that give none in their rows, title or profile.")
    String sampledOn;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The day no date may pass (rule.date_future). Default: today in Asia/Shanghai.")
    String asOf;

    @Option(names = "--reject-gate", paramLabel = "SHARE", description = "Fail (exit 3) when a dataset's quarantined share passes this. Default: quality.reject_gate of conf (0.05).")
    Double rejectGate;

    @Option(names = "--allow-rejects", description = "Publish even when the reject gate fails or files are refused.")
    boolean allowRejects;

    IngestJob.Request request(CommandContext context, String command, boolean write, int maxProblems)
    {
        var config = context.config();
        Optional<Charset> charset = Optional.empty();
        if (encoding != null && !encoding.equalsIgnoreCase("auto")) {
            try {
                charset = Optional.of(Charset.forName(encoding.equalsIgnoreCase("gbk") ? "GB18030" : encoding));
            }
            catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "--encoding: unknown charset '" + encoding + "' (use utf-8, gb18030 or gbk)");
            }
        }
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        if (asOf != null) {
            try {
                day = LocalDate.parse(asOf);
            }
            catch (DateTimeParseException e) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "--as-of: '" + asOf + "' is not a date (yyyy-MM-dd)");
            }
        }
        double gate = rejectGate != null ? rejectGate : config.quality().rejectGate();
        if (gate < 0 || gate > 1) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--reject-gate: " + gate + " is not a share between 0 and 1");
        }
        // The layouts files are recognised by, checked whole before anything is read.
        org.zhijian.ingest.SourceProfiles profiles = org.zhijian.ingest.SourceProfiles.load(context.configDirectory().resolve("sources"), context.reference().headerAliases());
        if (profile != null) {
            profiles.require(profile);
        }
        java.util.Map<String, String> values = new java.util.HashMap<>();
        if (sampledOn != null) {
            try {
                values.put("sampled_on", LocalDate.parse(sampledOn).toString());
            }
            catch (DateTimeParseException e) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "--sampled-on: '" + sampledOn + "' is not a date (yyyy-MM-dd)");
            }
        }
        RawFileInspector.Options options = new RawFileInspector.Options(charset, Optional.ofNullable(sheet), RawFileInspector.DEFAULT_SPLIT_BYTES,
                ReaderLimits.of(config.ingest()), Optional.of(profiles), Optional.ofNullable(profile), values,
                java.util.List.of(context.configDirectory().resolve(org.zhijian.ingest.ProducerMap.FILE_NAME)));
        return new IngestJob.Request(command, input != null ? input : config.paths().raw(), config.paths().lake(), options, day,
                config.quality().acceptPilotCreditCodes(), gate, allowRejects, write, maxProblems);
    }
}
