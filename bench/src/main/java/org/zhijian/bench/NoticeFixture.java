package org.zhijian.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.zhijian.generate.BureauFiles;
import org.zhijian.io.CsvReader;
import org.zhijian.io.CsvRecord;
import org.zhijian.io.CsvWriter;
import org.zhijian.ingest.FieldParsers;
import org.zhijian.reference.ReferenceDataLoader;

/**
 * The bureau-file benchmark's inputs, each beside the same rows in the project's own CSV layout:
 * up to 100,000 licensed batches of a raw inspections.csv as one national notice (.xlsx, producers
 * by name and address, resolved against the lake's register when validated), and up to 300,000
 * enterprises of a raw enterprises.csv as a register export (county through 登记机关 and 住所).
 *
 *   NoticeFixture RAW_DIR OUT_DIR
 */
public final class NoticeFixture
{
    private static final int BATCHES = 100_000;
    private static final int ENTERPRISES = 300_000;

    private NoticeFixture() {}

    public static void main(String[] args)
            throws Exception
    {
        Path raw = Path.of(args[0]);
        Path out = Path.of(args[1]);
        var reference = ReferenceDataLoader.load(Path.of("conf", "reference"));
        Path notice = Files.createDirectories(out.resolve("notice"));
        Path noticeCsv = Files.createDirectories(out.resolve("notice-csv"));
        Path register = Files.createDirectories(out.resolve("register"));
        Path registerCsv = Files.createDirectories(out.resolve("register-csv"));

        List<BureauFiles.Batch> batches = new ArrayList<>();
        try (BufferedReader input = Files.newBufferedReader(raw.resolve("inspections.csv"), StandardCharsets.UTF_8); CsvReader reader = new CsvReader(input);
                BufferedWriter csv = Files.newBufferedWriter(noticeCsv.resolve("监督抽查.csv"), StandardCharsets.UTF_8)) {
            CsvRecord header = reader.next();
            csv.write(CsvWriter.line(header.fields()));
            csv.write('\n');
            while (batches.size() < BATCHES && reader.hasNext()) {
                List<String> fields = reader.next().fields();
                // Licensed producers' clean rows only: a notice names a producer, and the bench times reading, not rejecting.
                if (fields.size() != header.size() || fields.get(1).isEmpty() || FieldParsers.date(fields.get(6)).isEmpty()
                        || reference.divisions().currentCounty(fields.get(3)).isEmpty() || reference.category(fields.get(4)).isEmpty()) {
                    continue;
                }
                String sampled = FieldParsers.date(fields.get(6)).get().toString();
                batches.add(new BureauFiles.Batch(Integer.parseInt(sampled.substring(0, 4)), fields.get(4), fields.get(2), fields.get(3), sampled, fields.get(7).equals("合格"),
                        fields.get(8)));
                csv.write(CsvWriter.line(fields));
                csv.write('\n');
            }
        }
        new BureauFiles(reference.divisions(), reference.datasets(), notice).nationalNotice(notice.resolve("国家监督抽查结果.xlsx"), "产品质量国家监督抽查结果", batches);

        // enterprises.csv is GB18030 with Chinese headers when generated with gbk, else UTF-8.
        Path enterprisesCsv = raw.resolve("enterprises.csv");
        Charset charset = isUtf8(enterprisesCsv) ? StandardCharsets.UTF_8 : Charset.forName("GB18030");
        List<BureauFiles.Enterprise> enterprises = new ArrayList<>();
        try (BufferedReader input = Files.newBufferedReader(enterprisesCsv, charset); CsvReader reader = new CsvReader(input);
                BufferedWriter csv = Files.newBufferedWriter(registerCsv.resolve("企业.csv"), charset)) {
            CsvRecord header = reader.next();
            csv.write(CsvWriter.line(header.fields()));
            csv.write('\n');
            while (enterprises.size() < ENTERPRISES && reader.hasNext()) {
                List<String> fields = reader.next().fields();
                if (fields.size() != header.size() || reference.divisions().currentCounty(fields.get(2)).isEmpty() || FieldParsers.date(fields.get(7)).isEmpty()
                        || !List.of("存续", "注销", "吊销").contains(fields.get(8)) || !fields.get(0).matches("[0-9A-Z]{18}")) {
                    continue;
                }
                enterprises.add(new BureauFiles.Enterprise(fields.get(0), fields.get(1), fields.get(9), fields.get(8), FieldParsers.date(fields.get(7)).get().toString(),
                        fields.get(2), fields.get(3), false, false));
                csv.write(CsvWriter.line(fields));
                csv.write('\n');
            }
        }
        new BureauFiles(reference.divisions(), reference.datasets(), register).register(enterprises, 2025);
        // The lists are another benchmark's business: the register alone.
        try (var files = Files.list(register)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().contains("名单")) {
                    Files.delete(file);
                }
            }
        }
        System.out.println("RESULT batches=" + batches.size() + " enterprises=" + enterprises.size() + " notice_bytes=" + Files.size(notice.resolve("国家监督抽查结果.xlsx")));
    }

    private static boolean isUtf8(Path file)
            throws java.io.IOException
    {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)));
            return true;
        }
        catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
