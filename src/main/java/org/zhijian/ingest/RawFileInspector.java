package org.zhijian.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.zhijian.io.CsvReader;
import org.zhijian.reference.HeaderAliases;
import org.zhijian.schema.Column;
import org.zhijian.schema.SourceDataset;
import org.zhijian.schema.Rule;

import static java.util.Objects.requireNonNull;

/**
 * The driver's look at a raw folder before any task runs: which files belong to which dataset,
 * their format and encoding, whether their headers name every required column, and how each
 * CSV is cut into byte ranges for parallel reading. A file that fails here is reported once,
 * with its reason, and the other files still load.
 */
public final class RawFileInspector
{
    /** Split CSV files into ranges of about this many bytes, each read by one task. */
    public static final long DEFAULT_SPLIT_BYTES = 16L << 20;

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    /** What the folder holds: files to load, files refused, and files that are not datasets. */
    public record Inspection(List<InspectedFile> files, List<FileProblem> problems, List<String> skipped)
    {
        public Inspection
        {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * @param encoding a charset to force on every CSV file, or empty to detect
     * @param sheet the sheet to read from workbooks that have it, or empty
     */
    public record Options(Optional<Charset> encoding, Optional<String> sheet, long splitBytes, ReaderLimits limits)
    {
        public Options
        {
            requireNonNull(encoding, "encoding is null");
            requireNonNull(sheet, "sheet is null");
            requireNonNull(limits, "limits is null");
        }

        public Options(Optional<Charset> encoding, Optional<String> sheet, long splitBytes)
        {
            this(encoding, sheet, splitBytes, ReaderLimits.DEFAULTS);
        }

        public static Options defaults()
        {
            return new Options(Optional.empty(), Optional.empty(), DEFAULT_SPLIT_BYTES);
        }
    }

    private final Configuration configuration;
    private final HeaderAliases aliases;
    private final Options options;

    public RawFileInspector(Configuration configuration, HeaderAliases aliases, Options options)
    {
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.aliases = requireNonNull(aliases, "aliases is null");
        this.options = requireNonNull(options, "options is null");
    }

    public Inspection inspect(Path folder)
            throws IOException
    {
        FileSystem fs = folder.getFileSystem(configuration);
        if (!fs.exists(folder)) {
            throw new org.zhijian.ZhijianException(org.zhijian.ZhijianException.Code.USAGE, "input folder " + folder + " does not exist (--input or paths.raw)");
        }
        FileStatus[] statuses = fs.isDirectory(folder) ? fs.listStatus(folder) : new FileStatus[] {fs.getFileStatus(folder)};
        Arrays.sort(statuses, Comparator.comparing(status -> status.getPath().getName()));
        List<InspectedFile> files = new ArrayList<>();
        List<FileProblem> problems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (FileStatus status : statuses) {
            String name = status.getPath().getName();
            if (status.isDirectory() || name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            Optional<SourceDataset> dataset = SourceDataset.forFileName(name);
            if (dataset.isEmpty()) {
                skipped.add(name);
                continue;
            }
            try {
                Object result = inspect(fs, status, dataset.get(), files.size());
                if (result instanceof InspectedFile file) {
                    files.add(file);
                }
                else {
                    problems.add((FileProblem) result);
                }
            }
            catch (IOException e) {
                problems.add(new FileProblem(name, Rule.FILE_UNREADABLE, 0, "", Rule.FILE_UNREADABLE.message(XlsxSheetReader.describe(e))));
            }
        }
        return new Inspection(files, problems, skipped);
    }

    private Object inspect(FileSystem fs, FileStatus status, SourceDataset dataset, int sequence)
            throws IOException
    {
        Path path = status.getPath();
        String name = path.getName();
        if (status.getLen() == 0) {
            return new FileProblem(name, Rule.FILE_EMPTY, 0, "", Rule.FILE_EMPTY.message());
        }
        byte[] magic = new byte[4];
        try (FSDataInputStream input = fs.open(path)) {
            input.readFully(0, magic, 0, (int) Math.min(4, status.getLen()));
        }
        if (startsWith(magic, OLE2)) {
            return unreadable(name, "it is an Excel 97-2003 (.xls) workbook; save it as .xlsx or CSV");
        }
        if (startsWith(magic, ZIP)) {
            return inspectWorkbook(fs, status, dataset, sequence);
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            return unreadable(name, "it is not an XLSX workbook (no zip signature)");
        }
        return inspectCsv(fs, status, dataset, sequence);
    }

    private Object inspectCsv(FileSystem fs, FileStatus status, SourceDataset dataset, int sequence)
            throws IOException
    {
        Path path = status.getPath();
        String name = path.getName();
        CsvScanner.Result scan;
        try (InputStream input = fs.open(path)) {
            scan = CsvScanner.scan(input, options.splitBytes(), options.limits().maxLineBytes());
        }
        if (scan.utf16()) {
            return new FileProblem(name, Rule.FILE_ENCODING, 1, "", Rule.FILE_ENCODING.message("UTF-8 or GB18030: it is UTF-16 text; save it as CSV UTF-8 or GBK"));
        }
        if (scan.binary()) {
            return unreadable(name, "it holds binary data, not text");
        }
        if (scan.headerTooLong()) {
            return unreadable(name, "its first line has no line break within " + ReaderLimits.bytes(options.limits().maxLineBytes())
                    + " (ingest.max_line_bytes); it is not a CSV file with a header row");
        }
        if (scan.blank()) {
            return new FileProblem(name, Rule.FILE_EMPTY, 0, "", Rule.FILE_EMPTY.message());
        }
        // The encoding is decided on the whole file: the lines that are not UTF-8 against those
        // that hold UTF-8 beyond ASCII. Where both occur the majority wins, and the records of the
        // other kind are quarantined (format.encoding) rather than the file read wrongly.
        Charset charset;
        String encoding;
        String note = "";
        boolean mixed = scan.invalidUtf8Lines() > 0 && scan.utf8Lines() > 0;
        if (options.encoding().isPresent()) {
            charset = options.encoding().get();
            encoding = charset.name() + " (forced)";
        }
        else if (scan.bomLength() > 0 || scan.validUtf8() || scan.utf8Lines() >= scan.invalidUtf8Lines()) {
            charset = StandardCharsets.UTF_8;
            encoding = scan.bomLength() > 0 ? "UTF-8 (BOM)" : "UTF-8";
            if (!scan.validUtf8()) {
                note = String.format(Locale.ROOT, "%s not UTF-8 (mixed encodings or damaged bytes), the first at line %d; UTF-8 from line %d",
                        lines(scan.invalidUtf8Lines()), scan.firstInvalidUtf8Line(), scan.firstUtf8Line());
            }
        }
        else {
            charset = Charset.forName("GB18030");
            encoding = "GB18030 (detected)";
            if (mixed) {
                note = String.format(Locale.ROOT, "mixed encodings: %s UTF-8, the first at line %d; GB18030 from line %d",
                        lines(scan.utf8Lines()), scan.firstUtf8Line(), scan.firstInvalidUtf8Line());
            }
        }
        long headerEnd = scan.boundaries().get(0).offset();
        byte[] headerBytes = new byte[(int) Math.min(headerEnd - scan.bomLength(), options.limits().maxLineBytes())];
        try (FSDataInputStream input = fs.open(path)) {
            input.readFully(scan.bomLength(), headerBytes);
        }
        List<String> header;
        try (CsvReader reader = new CsvReader(new InputStreamReader(new ByteArrayInputStream(headerBytes), charset))) {
            header = reader.hasNext() ? reader.next().fields() : List.of();
        }
        if (String.join("", header).indexOf('\uFFFD') >= 0) {
            return new FileProblem(name, Rule.FILE_ENCODING, 1, "", Rule.FILE_ENCODING.message(charset.name() + ": the header row does not decode"));
        }
        Object mapping = mapHeader(name, dataset, header, 1);
        if (mapping instanceof FileProblem problem) {
            return problem;
        }
        HeaderMapping columns = (HeaderMapping) mapping;
        List<RawSplit> splits = new ArrayList<>();
        List<CsvScanner.Boundary> boundaries = scan.boundaries();
        for (int i = 0; i < boundaries.size(); i++) {
            long start = boundaries.get(i).offset();
            long end = i + 1 < boundaries.size() ? boundaries.get(i + 1).offset() : scan.size();
            if (end > start) {
                splits.add(new RawSplit(sequence, path.toString(), name, dataset, RawFormat.CSV, charset.name(), start, end,
                        boundaries.get(i).line(), columns.columnFields(), header.size(), "", mixed, options.limits()));
            }
        }
        return new InspectedFile(sequence, name, path.toString(), dataset, RawFormat.CSV, encoding, note, "", scan.size(), scan.sha256(), columns.ignored(), splits);
    }

    private Object inspectWorkbook(FileSystem fs, FileStatus status, SourceDataset dataset, int sequence)
            throws IOException
    {
        Path path = status.getPath();
        String name = path.getName();
        List<String> sheets;
        try {
            sheets = XlsxSheetReader.sheetNames(fs, path);
        }
        catch (IOException e) {
            return unreadable(name, "the workbook cannot be opened (truncated or damaged): " + XlsxSheetReader.describe(e));
        }
        if (sheets.isEmpty()) {
            return unreadable(name, "the workbook has no sheets");
        }
        String sheet = chooseSheet(sheets, dataset);
        RawRecord headerRow = null;
        try (XlsxSheetReader reader = XlsxSheetReader.open(fs, path, sheet, 1, options.limits())) {
            while (reader.hasNext()) {
                RawRecord row = reader.next();
                if (row.failure() != null) {
                    return unreadable(name, row.failure());
                }
                if (!row.blank()) {
                    headerRow = row;
                    break;
                }
            }
        }
        if (headerRow == null) {
            return new FileProblem(name, Rule.FILE_EMPTY, 0, "", Rule.FILE_EMPTY.message() + " (sheet '" + sheet + "' has no rows)");
        }
        List<String> header = new ArrayList<>(headerRow.fields());
        while (!header.isEmpty() && header.get(header.size() - 1).isBlank()) {
            header.remove(header.size() - 1);
        }
        Object mapping = mapHeader(name, dataset, header, headerRow.line());
        if (mapping instanceof FileProblem problem) {
            return problem;
        }
        HeaderMapping columns = (HeaderMapping) mapping;
        RawSplit split = new RawSplit(sequence, path.toString(), name, dataset, RawFormat.XLSX, "UTF-8", 0, status.getLen(),
                headerRow.line() + 1, columns.columnFields(), header.size(), sheet, false, options.limits());
        return new InspectedFile(sequence, name, path.toString(), dataset, RawFormat.XLSX, "xlsx", "", sheet, status.getLen(), sha256(fs, path), columns.ignored(), List.of(split));
    }

    private String chooseSheet(List<String> sheets, SourceDataset dataset)
    {
        if (options.sheet().isPresent() && sheets.contains(options.sheet().get())) {
            return options.sheet().get();
        }
        for (String sheet : sheets) {
            String normalized = sheet.strip().toLowerCase(Locale.ROOT);
            if (normalized.equals(dataset.tableName()) || normalized.equals(dataset.chineseName())) {
                return sheet;
            }
        }
        return sheets.get(0);
    }

    /** Which field of the file holds each column of the dataset. */
    private record HeaderMapping(int[] columnFields, List<String> ignored) {}

    private Object mapHeader(String name, SourceDataset dataset, List<String> header, long line)
    {
        List<Column> columns = dataset.columns();
        int[] fields = new int[columns.size()];
        Arrays.fill(fields, -1);
        Map<String, String> headerOf = new HashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String cell = header.get(i);
            Optional<String> column = aliases.columnFor(dataset, cell);
            if (column.isEmpty()) {
                if (!cell.isBlank()) {
                    ignored.add(cell.strip());
                }
                continue;
            }
            String previous = headerOf.put(column.get(), cell.strip());
            if (previous != null) {
                return new FileProblem(name, Rule.FILE_DUPLICATE_COLUMN, line, column.get(), Rule.FILE_DUPLICATE_COLUMN.message(previous, cell.strip(), column.get()));
            }
            fields[dataset.columnIndex(column.get())] = i;
        }
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            if (fields[i] < 0 && column.required()) {
                return new FileProblem(name, Rule.FILE_MISSING_COLUMN, line, column.name(),
                        Rule.FILE_MISSING_COLUMN.message(column.name() + " (" + column.chineseName() + ")"));
            }
        }
        return new HeaderMapping(fields, ignored);
    }

    private static String lines(long count)
    {
        return count == 1 ? "1 line is" : String.format(Locale.ROOT, "%,d lines are", count);
    }

    private static FileProblem unreadable(String name, String reason)
    {
        return new FileProblem(name, Rule.FILE_UNREADABLE, 0, "", Rule.FILE_UNREADABLE.message(reason));
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix)
    {
        return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String sha256(FileSystem fs, Path path)
            throws IOException
    {
        try (DigestInputStream input = new DigestInputStream(fs.open(path), MessageDigest.getInstance("SHA-256"))) {
            input.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(input.getMessageDigest().digest());
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
