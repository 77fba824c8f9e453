package org.zhijian.ingest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.zhijian.ZhijianException;
import org.zhijian.io.CsvReader;
import org.zhijian.io.CsvRecord;
import org.zhijian.reference.CreditCode;

/**
 * The operator's answers to the review of producers (producer_map.csv, in the raw folder or in
 * conf/): a name, optionally an address, and the credit code the producer is. Headers may be
 * English or Chinese (name/生产者名称, address/地址, credit_code/统一社会信用代码); the review
 * workbook's own columns (producer_name, producer_address) are accepted too, so a person can
 * fill in the exported review and drop it back. A line without a name or with a code that is no
 * credit code, or (once the register is known) a code the register lacks, fails the load
 * naming the file and line: nothing is written.
 */
public final class ProducerMap
{
    public static final String FILE_NAME = "producer_map.csv";
    /** The largest producer map read. */
    static final long MAX_BYTES = 16L << 20;
    private static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("name", "name"), Map.entry("producer_name", "name"), Map.entry("生产者名称", "name"), Map.entry("企业名称", "name"),
            Map.entry("address", "address"), Map.entry("producer_address", "address"), Map.entry("地址", "address"), Map.entry("生产者地址", "address"),
            Map.entry("credit_code", "code"), Map.entry("统一社会信用代码", "code"));

    /** One line as read, with where it stood. */
    public record Line(String file, long line, ProducerResolver.Mapping mapping) {}

    private ProducerMap() {}

    /** The lines of every file that exists of {@code files}, in order (a later line for the same name wins). */
    public static List<Line> load(List<Path> files)
    {
        List<Line> lines = new ArrayList<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                lines.addAll(read(file));
            }
        }
        return lines;
    }

    private static List<Line> read(Path file)
    {
        List<Line> lines = new ArrayList<>();
        try {
            // A person's answers run to thousands of lines, not millions: a larger file is no producer map.
            if (Files.size(file) > MAX_BYTES) {
                throw new ZhijianException(ZhijianException.Code.USAGE, file + ": the producer map is " + Files.size(file) / (1 << 20) + " MB, more than "
                        + MAX_BYTES / (1 << 20) + " MB; a map lists names and codes, one line each");
            }
        }
        catch (IOException e) {
            throw new ZhijianException(ZhijianException.Code.USAGE, file + ": cannot read the producer map: " + e.getMessage());
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(reader)) {
            if (!csv.hasNext()) {
                return lines;
            }
            CsvRecord header = csv.next();
            int name = -1;
            int address = -1;
            int code = -1;
            for (int i = 0; i < header.size(); i++) {
                String key = HEADERS.get(header.field(i).replace("\uFEFF", "").strip());
                if ("name".equals(key) && name < 0) {
                    name = i;
                }
                else if ("address".equals(key) && address < 0) {
                    address = i;
                }
                else if ("code".equals(key) && code < 0) {
                    code = i;
                }
            }
            if (name < 0 || code < 0) {
                throw refuse(file, header.line(), "the header needs name (生产者名称) and credit_code (统一社会信用代码), and may have address; it has "
                        + String.join(", ", header.fields()));
            }
            while (csv.hasNext()) {
                CsvRecord record = csv.next();
                if (record.fields().stream().allMatch(String::isBlank)) {
                    continue;
                }
                String producer = field(record, name);
                String credit = Normalizer.normalize(field(record, code), Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
                if (producer.isEmpty()) {
                    throw refuse(file, record.line(), "name is empty");
                }
                if (credit.isEmpty()) {
                    // A review line left unanswered: nothing to apply.
                    continue;
                }
                if (CreditCode.verify(credit) != CreditCode.Verdict.VALID) {
                    throw refuse(file, record.line(), "credit_code '" + credit + "' is not a valid unified social credit code (GB 32100)");
                }
                String where = address < 0 ? "" : field(record, address);
                lines.add(new Line(file.toString(), record.line(), new ProducerResolver.Mapping(producer, where.isEmpty() ? null : where, credit)));
            }
        }
        catch (IOException e) {
            throw new ZhijianException(ZhijianException.Code.USAGE, file + ": cannot read the producer map: " + e.getMessage());
        }
        return lines;
    }

    /** Every line must name a code the register holds. */
    public static void checkAgainst(List<Line> lines, ProducerResolver register)
    {
        for (Line line : lines) {
            if (!register.registered(line.mapping().code())) {
                throw refuse(Path.of(line.file()), line.line(), "credit_code " + line.mapping().code() + " (for " + line.mapping().name()
                        + ") is not in the enterprise register (staged.enterprises or this load)");
            }
        }
    }

    private static String field(CsvRecord record, int index)
    {
        return index < record.size() ? record.field(index).strip() : "";
    }

    private static ZhijianException refuse(Path file, long line, String message)
    {
        return new ZhijianException(ZhijianException.Code.USAGE, file + ": line " + line + ": " + message);
    }
}
