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
 * The driver's look at a raw folder before any task runs: which layout each file (each sheet of
 * a workbook) has — recognised by its header row on one of its first rows against the source
 * profiles, never by its name — and so which dataset it feeds, its format and encoding, and how
 * each CSV is cut into byte ranges for parallel reading. A file that fails here is reported once,
 * with its reason; a file that matches no profile is listed with the nearest ones; the other
 * files still load.
 */
public final class RawFileInspector
{
    /** Split CSV files into ranges of about this many bytes, each read by one task. */
    public static final long DEFAULT_SPLIT_BYTES = 16L << 20;

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    /** What the folder holds: files to load, files refused, and files (or sheets) that match no profile, with why. */
    public record Inspection(List<InspectedFile> files, List<FileProblem> problems, List<Unrecognised> unrecognised)
    {
        public Inspection
        {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
            unrecognised = List.copyOf(unrecognised);
        }

        /** The names of the files (and sheets) that match no profile. */
        public List<String> skipped()
        {
            return unrecognised.stream().map(Unrecognised::fileName).toList();
        }
    }

    /** A file or sheet no profile recognises, and why: the nearest profiles and what each lacks, or that it is no CSV or workbook. */
    public record Unrecognised(String fileName, String reason) {}

    /** The kinds of file a raw folder may hold, by extension; anything else is listed, not read. */
    private static final java.util.Set<String> EXTENSIONS = java.util.Set.of("csv", "txt", "tsv", "xlsx", "xls");

    /**
     * @param encoding a charset to force on every CSV file, or empty to detect
     * @param sheet the sheet to read from workbooks that have it, or empty
     * @param profiles the source profiles files are recognised by; empty for the project's own layouts only
     * @param profile a profile to force on every file (--profile), or empty to recognise each
     * @param values column values from the command line (--sampled-on) for files of other layouts whose fields, title and profile give none
     */
    public record Options(Optional<Charset> encoding, Optional<String> sheet, long splitBytes, ReaderLimits limits, Optional<SourceProfiles> profiles,
            Optional<String> profile, Map<String, String> values, List<java.nio.file.Path> producerMaps)
    {
        public Options
        {
            requireNonNull(encoding, "encoding is null");
            requireNonNull(sheet, "sheet is null");
            requireNonNull(limits, "limits is null");
            requireNonNull(profiles, "profiles is null");
            requireNonNull(profile, "profile is null");
            values = Map.copyOf(values);
            producerMaps = List.copyOf(producerMaps);
        }

        public Options(Optional<Charset> encoding, Optional<String> sheet, long splitBytes, ReaderLimits limits)
        {
            this(encoding, sheet, splitBytes, limits, Optional.empty(), Optional.empty(), Map.of(), List.of());
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
    private final SourceProfiles profiles;

    public RawFileInspector(Configuration configuration, HeaderAliases aliases, Options options)
    {
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.aliases = requireNonNull(aliases, "aliases is null");
        this.options = requireNonNull(options, "options is null");
        this.profiles = options.profiles().orElseGet(() -> SourceProfiles.own(aliases));
        options.profile().ifPresent(profiles::require);
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
        List<Unrecognised> unrecognised = new ArrayList<>();
        for (FileStatus status : statuses) {
            String name = status.getPath().getName();
            // The operator's producer map is applied to the load, not loaded (ProducerMap).
            if (status.isDirectory() || name.startsWith("_") || name.startsWith(".") || name.equals(ProducerMap.FILE_NAME)) {
                continue;
            }
            int dot = name.lastIndexOf('.');
            String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            // Only the kinds of file allowed are read, whatever their names say.
            if (!EXTENSIONS.contains(extension)) {
                unrecognised.add(new Unrecognised(name, "not a CSV, .xlsx or .xls file (by its extension)"));
                continue;
            }
            // Named after a dataset, a file says what it is meant to be: a missing column refuses it rather than leaving it unrecognised.
            Optional<SourceDataset> named = aliases.datasets().forFileName(name);
            try {
                for (Object result : inspect(fs, status, named, files.size())) {
                    if (result instanceof InspectedFile file) {
                        files.add(file);
                    }
                    else if (result instanceof Unrecognised skipped) {
                        unrecognised.add(skipped);
                    }
                    else {
                        problems.add((FileProblem) result);
                    }
                }
            }
            catch (IOException e) {
                problems.add(new FileProblem(name, Rule.FILE_UNREADABLE, 0, "", Rule.FILE_UNREADABLE.message(XlsxSheetReader.describe(e))));
            }
        }
        return new Inspection(files, problems, unrecognised);
    }

    /** A file's inspected sheets (one for a CSV file), problems and unrecognised sheets. */
    private List<Object> inspect(FileSystem fs, FileStatus status, Optional<SourceDataset> named, int sequence)
            throws IOException
    {
        Path path = status.getPath();
        String name = path.getName();
        if (status.getLen() == 0) {
            return List.of(new FileProblem(name, Rule.FILE_EMPTY, 0, "", Rule.FILE_EMPTY.message()));
        }
        byte[] magic = new byte[4];
        try (FSDataInputStream input = fs.open(path)) {
            input.readFully(0, magic, 0, (int) Math.min(4, status.getLen()));
        }
        if (startsWith(magic, OLE2)) {
            return inspectWorkbook(fs, status, named, sequence, RawFormat.XLS);
        }
        if (startsWith(magic, ZIP)) {
            return inspectWorkbook(fs, status, named, sequence, RawFormat.XLSX);
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            return List.of(unreadable(name, "it is not an XLSX workbook (no zip signature)"));
        }
        return List.of(inspectCsv(fs, status, named, sequence));
    }

    /**
     * The profile a file's first rows match, as the inspected file's mapping; else why not: a
     * refusal (a problem), a file named after a dataset whose required column is missing (refused
     * as before recognition), or no profile (listed).
     */
    private Object recognise(String name, String sheet, List<List<String>> rows, List<Long> lines, Optional<SourceDataset> named)
    {
        String stem = name.lastIndexOf('.') > 0 ? name.substring(0, name.lastIndexOf('.')) : name;
        String label = sheet.isEmpty() ? name : name + " [" + sheet + "]";
        SourceProfiles.Recognition recognition = profiles.recognise(rows, options.profile(), sheet.isEmpty() ? stem : stem + "-" + sheet, options.values());
        if (recognition.match().isPresent()) {
            return recognition.match().get();
        }
        if (recognition.rule() != null) {
            return new FileProblem(name, recognition.rule(), lines.isEmpty() ? 0 : lines.get(0), recognition.column(), recognition.reason());
        }
        if (named.isPresent() && !rows.isEmpty()) {
            SourceProfiles.Recognition own = profiles.ownLayout(named.get(), rows.get(0));
            if (own.rule() != null) {
                return new FileProblem(name, own.rule(), lines.get(0), own.column(), own.reason());
            }
        }
        return new Unrecognised(label, recognition.reason());
    }

    private Object inspectCsv(FileSystem fs, FileStatus status, Optional<SourceDataset> named, int sequence)
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
        // The first rows, where the header is looked for (title rows may stand above it): at most
        // a few lines' worth of bytes, so a file with no line breaks cannot make this read it all.
        List<List<String>> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        long window = Math.min(scan.size() - scan.bomLength(), (long) options.limits().maxLineBytes() * SourceProfiles.HEADER_WITHIN);
        try (FSDataInputStream input = fs.open(path)) {
            input.seek(scan.bomLength());
            InputStream bounded = org.apache.commons.io.input.BoundedInputStream.builder().setInputStream(input).setMaxCount(window).get();
            try (CsvReader reader = new CsvReader(new InputStreamReader(bounded, charset))) {
                while (rows.size() < SourceProfiles.HEADER_WITHIN && reader.hasNext()) {
                    org.zhijian.io.CsvRecord record = reader.next();
                    rows.add(record.fields());
                    lines.add(record.line());
                }
            }
            catch (RuntimeException e) {
                // A window that ends inside a quoted field: the rows read so far are what there is to recognise.
            }
        }
        Object recognised = recognise(name, "", rows, lines, named);
        if (!(recognised instanceof SourceProfiles.Match match)) {
            // A first row that does not decode is most likely a header read in the wrong encoding.
            if (!rows.isEmpty() && String.join("", rows.get(0)).indexOf('\uFFFD') >= 0) {
                return new FileProblem(name, Rule.FILE_ENCODING, lines.get(0), "", Rule.FILE_ENCODING.message(charset.name() + ": the header row does not decode"));
            }
            return recognised;
        }
        long headerLine = lines.get(match.headerRow());
        if (String.join("", rows.get(match.headerRow())).indexOf('\uFFFD') >= 0) {
            return new FileProblem(name, Rule.FILE_ENCODING, headerLine, "", Rule.FILE_ENCODING.message(charset.name() + ": the header row does not decode"));
        }
        SourceDataset dataset = match.profile().dataset();
        List<RawSplit> splits = new ArrayList<>();
        List<CsvScanner.Boundary> boundaries = scan.boundaries();
        for (int i = 0; i < boundaries.size(); i++) {
            long start = boundaries.get(i).offset();
            long end = i + 1 < boundaries.size() ? boundaries.get(i + 1).offset() : scan.size();
            if (end > start) {
                splits.add(new RawSplit(sequence, path.toString(), name, dataset, RawFormat.CSV, charset.name(), start, end,
                        boundaries.get(i).line(), headerLine, match.mapping(), match.profile().id(), match.fieldCount(), "", mixed, options.limits()));
            }
        }
        return new InspectedFile(sequence, name, path.toString(), dataset, RawFormat.CSV, encoding, note, "", scan.size(), scan.sha256(), match.ignored(), splits,
                match.profile().id(), match.profile().own());
    }

    /** Each sheet of a workbook (.xlsx or .xls) recognised on its own (only the --sheet one when it is there). */
    private List<Object> inspectWorkbook(FileSystem fs, FileStatus status, Optional<SourceDataset> named, int sequence, RawFormat format)
            throws IOException
    {
        Path path = status.getPath();
        String name = path.getName();
        List<String> sheets;
        try {
            sheets = format == RawFormat.XLS ? XlsSheetReader.sheetNames(fs, path, options.limits()) : XlsxSheetReader.sheetNames(fs, path);
        }
        catch (IOException e) {
            return List.of(unreadable(name, "the workbook cannot be opened (truncated or damaged): " + XlsxSheetReader.describe(e)));
        }
        if (sheets.isEmpty()) {
            return List.of(unreadable(name, "the workbook has no sheets"));
        }
        if (options.sheet().isPresent() && sheets.contains(options.sheet().get())) {
            sheets = List.of(options.sheet().get());
        }
        List<Object> results = new ArrayList<>();
        int inspected = 0;
        String sha256 = null;
        for (String sheet : sheets) {
            List<List<String>> rows = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            try (SplitReader.Records reader = format == RawFormat.XLS ? XlsSheetReader.open(fs, path, sheet, 1, options.limits())
                    : XlsxSheetReader.open(fs, path, sheet, 1, options.limits())) {
                while (rows.size() < SourceProfiles.HEADER_WITHIN && reader.hasNext()) {
                    RawRecord row = reader.next();
                    if (row.failure() != null) {
                        results.add(unreadable(name, row.failure()));
                        rows = null;
                        break;
                    }
                    // Blank rows above a header are skipped, as are the rows of a title that stands alone.
                    if (!row.blank()) {
                        rows.add(row.fields());
                        lines.add(row.line());
                    }
                }
            }
            if (rows == null) {
                continue;
            }
            if (rows.isEmpty()) {
                if (sheets.size() == 1) {
                    results.add(new FileProblem(name, Rule.FILE_EMPTY, 0, "", Rule.FILE_EMPTY.message() + " (sheet '" + sheet + "' has no rows)"));
                }
                continue;
            }
            // A sheet's name says what a workbook of several sheets is meant to hold no more than a file's name does.
            Object recognised = recognise(name, sheets.size() == 1 ? "" : sheet, rows, lines, sheets.size() == 1 ? named : Optional.empty());
            if (!(recognised instanceof SourceProfiles.Match match)) {
                results.add(recognised);
                continue;
            }
            sha256 = sha256 == null ? sha256(fs, path) : sha256;
            long headerLine = lines.get(match.headerRow());
            RawSplit split = new RawSplit(sequence + inspected, path.toString(), name, match.profile().dataset(), format, "UTF-8", 0, status.getLen(),
                    headerLine + 1, headerLine, match.mapping(), match.profile().id(), match.fieldCount(), sheet, false, options.limits());
            results.add(new InspectedFile(sequence + inspected++, name, path.toString(), match.profile().dataset(), format, format == RawFormat.XLS ? "xls" : "xlsx", "", sheet,
                    status.getLen(), sha256, match.ignored(), List.of(split), match.profile().id(), match.profile().own()));
        }
        return results;
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
