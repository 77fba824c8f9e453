package org.zhijian.ingest;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.zhijian.config.ConfigException;
import org.zhijian.config.YamlFiles;
import org.zhijian.reference.HeaderAliases;
import org.zhijian.schema.Column;
import org.zhijian.schema.SourceDataset;

import static java.util.Objects.requireNonNull;
import static java.util.Objects.requireNonNullElse;

/**
 * The source profiles a load recognises files by (conf/sources/*.yaml), and the recognition
 * itself: which profile's header row a file's first rows hold, and how its fields then map to
 * the dataset's columns. A file matches the profile whose signature is on one of its first rows
 * with the most of its headers; two profiles matching equally is an error naming both, and a
 * file matching none is reported with the nearest profiles and what each still lacks.
 */
public final class SourceProfiles
{
    /** How far down a header row is looked for unless a profile says otherwise. */
    public static final int HEADER_WITHIN = 10;
    private static final Pattern DATE = Pattern.compile("((?:19|20)\\d{2})\\s*(?:年|[-./])\\s*(\\d{1,2})\\s*(?:月|[-./])\\s*(\\d{1,2})\\s*日?");
    private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");

    private final List<SourceProfile> profiles;
    private final HeaderAliases aliases;

    public SourceProfiles(List<SourceProfile> profiles, HeaderAliases aliases)
    {
        this.profiles = List.copyOf(profiles);
        this.aliases = requireNonNull(aliases, "aliases is null");
    }

    /** The own layouts of every dataset of conf/datasets only. */
    public static SourceProfiles own(HeaderAliases aliases)
    {
        return new SourceProfiles(aliases.datasets().all().stream().map(SourceProfiles::ownLayout).toList(), aliases);
    }

    private static SourceProfile ownLayout(SourceDataset dataset)
    {
        return new SourceProfile("own_" + dataset.tableName(), "built in", dataset, true, List.of(), HEADER_WITHIN, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                java.util.Set.of(), List.of(), null, List.of(), false);
    }

    public List<SourceProfile> profiles()
    {
        return profiles;
    }

    public Optional<SourceProfile> profile(String id)
    {
        return profiles.stream().filter(profile -> profile.id().equals(id)).findFirst();
    }

    /** The profile --profile names, or a usage error listing the known ones. */
    public SourceProfile require(String id)
    {
        return profile(id).orElseThrow(() -> new ConfigException("--profile: no source profile '" + id + "' (known: "
                + String.join(", ", profiles.stream().map(SourceProfile::id).toList()) + ")"));
    }

    /** A profile file as written. */
    record ProfileFile(
            @JsonProperty("dataset") String dataset,
            @JsonProperty("layout") String layout,
            @JsonProperty("description") String description,
            @JsonProperty("signature") List<String> signature,
            @JsonProperty("header_within") Integer headerWithin,
            @JsonProperty("columns") Map<String, List<String>> columns,
            @JsonProperty("values") Map<String, Map<String, String>> values,
            @JsonProperty("title") Map<String, Object> title,
            @JsonProperty("constants") Map<String, String> constants,
            @JsonProperty("placeholders") List<String> placeholders,
            @JsonProperty("notes") List<String> notes,
            @JsonProperty("key") Map<String, String> key,
            @JsonProperty("county_from") List<String> countyFrom,
            @JsonProperty("outside_producers") String outsideProducers) {}

    /** Every profile of a folder (each *.yaml, its id the file's name), checked whole: an unknown dataset or column fails naming the file and key. */
    public static SourceProfiles load(Path directory, HeaderAliases aliases)
    {
        List<Path> files = org.zhijian.config.YamlNodes.filesIn(directory, "the source profiles, one file per layout");
        List<SourceProfile> profiles = new ArrayList<>();
        for (Path file : files) {
            profiles.add(parse(file, aliases.datasets()));
        }
        if (profiles.isEmpty()) {
            throw new ConfigException(directory + ": no source profiles (*.yaml); the project's own layouts are own_<dataset>.yaml with layout: own");
        }
        // A dataset of conf/datasets is read in its own layout even without a profile file for it.
        for (SourceDataset dataset : aliases.datasets().all()) {
            if (profiles.stream().noneMatch(profile -> profile.own() && profile.dataset().equals(dataset))) {
                profiles.add(ownLayout(dataset));
            }
        }
        return new SourceProfiles(profiles, aliases);
    }

    static SourceProfile parse(Path file, org.zhijian.schema.DatasetCatalogue catalogue)
    {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".yaml".length());
        if (!id.matches("[a-z0-9_]+")) {
            throw new ConfigException(file + ": a profile's file name is its id, made of a-z, 0-9 and _");
        }
        ProfileFile read = YamlFiles.read(file, ProfileFile.class);
        if (read == null || read.dataset() == null) {
            throw new ConfigException(file + ": dataset: names the dataset the layout feeds (" + String.join(", ", catalogue.names()) + ")");
        }
        SourceDataset dataset = catalogue.find(read.dataset())
                .orElseThrow(() -> new ConfigException(file + ": dataset: unknown dataset '" + read.dataset() + "' (known: " + String.join(", ", catalogue.names()) + ")"));
        int within = requireNonNullElse(read.headerWithin(), HEADER_WITHIN);
        if (within < 1 || within > 50) {
            throw new ConfigException(file + ": header_within: the header is looked for on rows 1 to 50, not " + within);
        }
        if ("own".equals(read.layout())) {
            if (read.signature() != null || read.columns() != null || read.values() != null || read.title() != null || read.constants() != null || read.key() != null
                    || read.countyFrom() != null || read.outsideProducers() != null) {
                throw new ConfigException(file + ": layout: own takes its headers from the dataset and its aliases in conf/datasets; give no signature, columns, values, title, constants or key");
            }
            return new SourceProfile(id, file.toString(), dataset, true, List.of(), within, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), java.util.Set.of(),
                    List.of(), null, List.of(), false);
        }
        if (read.layout() != null) {
            throw new ConfigException(file + ": layout: is own (the project's layout) or left out, not '" + read.layout() + "'");
        }
        List<String> signature = requireNonNullElse(read.signature(), List.of());
        if (signature.isEmpty()) {
            throw new ConfigException(file + ": signature: lists the headers that recognise the layout");
        }
        Map<String, List<String>> columns = requireNonNullElse(read.columns(), Map.of());
        Map<String, Map<String, String>> values = requireNonNullElse(read.values(), Map.of());
        Map<String, String> constants = requireNonNullElse(read.constants(), Map.of());
        Map<String, Map<String, String>> title = new LinkedHashMap<>();
        Map<String, SourceProfile.TitleForm> forms = new LinkedHashMap<>();
        requireNonNullElse(read.title(), Map.<String, Object>of()).forEach((column, value) -> {
            if (value instanceof String form) {
                forms.put(column, Arrays.stream(SourceProfile.TitleForm.values()).filter(candidate -> candidate.name().equalsIgnoreCase(form)).findFirst()
                        .orElseThrow(() -> new ConfigException(file + ": title." + column + ": a value map or date or year, not '" + form + "'")));
            }
            else if (value instanceof Map<?, ?> map) {
                Map<String, String> entries = new LinkedHashMap<>();
                map.forEach((from, to) -> entries.put(String.valueOf(from), String.valueOf(to)));
                title.put(column, entries);
            }
            else {
                throw new ConfigException(file + ": title." + column + ": a value map (国家: national) or date or year");
            }
        });
        SourceProfile.Key key = null;
        if (read.key() != null) {
            if (read.key().get("column") == null || read.key().get("from") == null || read.key().size() != 2) {
                throw new ConfigException(file + ": key: has column (the dataset column it builds) and from (the source header of the running number)");
            }
            key = new SourceProfile.Key(read.key().get("column"), read.key().get("from"));
        }
        for (Map.Entry<String, ? extends Object> entry : Stream.of(columns, values, title, forms, constants).flatMap(map -> map.entrySet().stream()).toList()) {
            known(file, dataset, entry.getKey());
        }
        if (key != null) {
            known(file, dataset, key.column());
        }
        // Every required column must get a value from somewhere, or every row would be quarantined.
        for (Column column : dataset.columns()) {
            boolean given = columns.containsKey(column.name()) || constants.containsKey(column.name()) || title.containsKey(column.name())
                    || forms.containsKey(column.name()) || key != null && key.column().equals(column.name())
                    || column.name().equals("county_code") && read.countyFrom() != null && !read.countyFrom().isEmpty();
            if (column.required() && !given) {
                throw new ConfigException(file + ": columns: the required column " + column.name() + " (" + column.chineseName() + ") of " + dataset.tableName()
                        + " gets no value (map it from a header, or give it in constants, title or key)");
            }
        }
        List<String> countyFrom = requireNonNullElse(read.countyFrom(), List.of());
        if (!countyFrom.isEmpty() && !dataset.columnNames().contains("county_code")) {
            throw new ConfigException(file + ": county_from: " + dataset.tableName() + " has no county_code to place");
        }
        String outside = requireNonNullElse(read.outsideProducers(), "excluded");
        if (!outside.equals("counted") && !outside.equals("excluded")) {
            throw new ConfigException(file + ": outside_producers: counted (the notice covers the province's production) or excluded, not '" + outside + "'");
        }
        return new SourceProfile(id, file.toString(), dataset, false, signature, within, columns, values, title, forms, constants,
                new java.util.HashSet<>(requireNonNullElse(read.placeholders(), List.of())), requireNonNullElse(read.notes(), List.of()), key, countyFrom,
                outside.equals("counted"));
    }

    private static void known(Path file, SourceDataset dataset, String column)
    {
        if (!dataset.columnNames().contains(column)) {
            throw new ConfigException(file + ": " + dataset.tableName() + " has no column '" + column + "' (its columns: " + String.join(", ", dataset.columnNames()) + ")");
        }
    }

    static String headerKey(String header)
    {
        String folded = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFKC).replaceAll("[\\s\\u3000]+", "");
        return HeaderAliases.normalize(folded).toLowerCase(Locale.ROOT);
    }

    /** A file's first rows matched to a profile: the header's row (0-based in the rows given), the mapping, and the headers no column takes. */
    public record Match(SourceProfile profile, int headerRow, FieldMapping mapping, int fieldCount, List<String> ignored) {}

    /**
     * What recognition found: a match; or no profile, with the nearest ones and what they lack
     * ({@code rule} null: the file is listed, not refused); or a problem that refuses the file
     * ({@code rule}, the column it concerns and the reason): two profiles matching equally, a
     * header naming one column twice, a forced profile not found.
     */
    public record Recognition(Optional<Match> match, org.zhijian.schema.Rule rule, String column, String reason)
    {
        static Recognition of(Match match)
        {
            return new Recognition(Optional.of(match), null, "", "");
        }

        static Recognition none(String reason)
        {
            return new Recognition(Optional.empty(), null, "", reason);
        }

        static Recognition refused(org.zhijian.schema.Rule rule, String column, String reason)
        {
            return new Recognition(Optional.empty(), rule, column, reason);
        }
    }

    /** As {@link #recognise(List, Optional, String, Map)} without values from the command line. */
    public Recognition recognise(List<List<String>> rows, Optional<String> forced, String keyPrefix)
    {
        return recognise(rows, forced, keyPrefix, Map.of());
    }

    /**
     * Recognises a file (or sheet) by its first rows. {@code forced} restricts it to one profile;
     * {@code keyPrefix} starts the keys a profile builds (the file's name, and the sheet's);
     * {@code values} (from the command line, e.g. --sampled-on) fill a column of another layout
     * than the project's own that neither its fields, its title rows nor its profile give.
     */
    public Recognition recognise(List<List<String>> rows, Optional<String> forced, String keyPrefix, Map<String, String> values)
    {
        List<SourceProfile> candidates = forced.map(id -> List.of(require(id))).orElse(profiles);
        record Found(SourceProfile profile, int row, int score) {}
        List<Found> found = new ArrayList<>();
        Map<SourceProfile, List<String>> lacking = new LinkedHashMap<>();
        for (SourceProfile profile : candidates) {
            List<String> best = null;
            for (int r = 0; r < Math.min(rows.size(), profile.headerWithin()); r++) {
                List<String> missing = missing(profile, rows.get(r));
                if (missing.isEmpty()) {
                    found.add(new Found(profile, r, score(profile, rows.get(r))));
                    best = null;
                    break;
                }
                if (best == null || missing.size() < best.size()) {
                    best = missing;
                }
            }
            if (best != null) {
                lacking.put(profile, best);
            }
        }
        if (found.isEmpty()) {
            List<Map.Entry<SourceProfile, List<String>>> nearest = new ArrayList<>(lacking.entrySet());
            nearest.sort(Comparator.comparingDouble((Map.Entry<SourceProfile, List<String>> entry) -> entry.getValue().size() / (double) signatureSize(entry.getKey()))
                    .thenComparing(entry -> entry.getKey().id()));
            String near = String.join("; ", nearest.stream().limit(3).map(entry -> entry.getKey().id() + " lacks " + String.join(", ", entry.getValue())).toList());
            String reason = (forced.isPresent() ? "no header row of profile " + forced.get() + " on its first rows"
                    : "its header row matches no source profile of conf/sources") + (near.isEmpty() ? "" : "; nearest: " + near);
            return forced.isPresent() ? Recognition.refused(org.zhijian.schema.Rule.FILE_PROFILE, "", org.zhijian.schema.Rule.FILE_PROFILE.message(reason))
                    : Recognition.none(reason);
        }
        found.sort(Comparator.comparingInt(Found::score).reversed().thenComparingInt(Found::row));
        Found first = found.get(0);
        if (found.size() > 1 && found.get(1).score() == first.score()) {
            return Recognition.refused(org.zhijian.schema.Rule.FILE_PROFILE, "", org.zhijian.schema.Rule.FILE_PROFILE.message("its header row matches the profiles "
                    + first.profile().id() + " and " + found.get(1).profile().id() + " equally; give --profile, or make one profile's signature more specific"));
        }
        List<String> header = rows.get(first.row());
        String titleText = String.join(" ", rows.subList(0, first.row()).stream().map(row -> String.join(" ", row)).toList());
        Recognition mapped = mapping(first.profile(), header, titleText, keyPrefix, values);
        return mapped.match().map(match -> Recognition.of(new Match(match.profile(), first.row(), match.mapping(), match.fieldCount(), match.ignored())))
                .orElse(mapped);
    }

    private static int signatureSize(SourceProfile profile)
    {
        return Math.max(1, profile.own() ? (int) profile.dataset().columns().stream().filter(Column::required).count() : profile.signature().size());
    }

    /** What of the profile's signature a row lacks: required columns (own layouts) or signature headers. */
    private List<String> missing(SourceProfile profile, List<String> row)
    {
        List<String> missing = new ArrayList<>();
        if (profile.own()) {
            java.util.Set<String> present = new java.util.HashSet<>();
            row.forEach(cell -> aliases.columnFor(profile.dataset(), cell).ifPresent(present::add));
            for (Column column : profile.dataset().columns()) {
                if (column.required() && !present.contains(column.name())) {
                    missing.add(column.chineseName());
                }
            }
            return missing;
        }
        java.util.Set<String> present = new java.util.HashSet<>();
        row.forEach(cell -> present.add(headerKey(cell)));
        for (String header : profile.signature()) {
            // 检验结论|抽查结果: either header will do.
            if (Arrays.stream(header.split("\\|")).noneMatch(alternative -> present.contains(headerKey(alternative)))) {
                missing.add(header);
            }
        }
        return missing;
    }

    /** How many of the row's cells the profile takes: the more, the more specific the match. */
    private int score(SourceProfile profile, List<String> row)
    {
        if (profile.own()) {
            return (int) row.stream().filter(cell -> aliases.columnFor(profile.dataset(), cell).isPresent()).count();
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        profile.columns().values().forEach(headers -> headers.forEach(header -> known.add(headerKey(header))));
        profile.countyFrom().forEach(header -> known.add(headerKey(header)));
        // The signature's headers are the layout's too, mapped or not (证书编号 tells a high-tech list).
        profile.signature().forEach(header -> Arrays.stream(header.split("\\|")).forEach(alternative -> known.add(headerKey(alternative))));
        if (profile.key() != null) {
            known.add(headerKey(profile.key().from()));
        }
        return (int) row.stream().filter(cell -> known.contains(headerKey(cell))).count();
    }

    private Recognition mapping(SourceProfile profile, List<String> header, String titleText, String keyPrefix, Map<String, String> given)
    {
        // Every field counts, blank headers too: a record has as many fields as its header row.
        List<String> trimmed = header;
        if (profile.own()) {
            return ownLayout(profile, trimmed);
        }
        SourceDataset dataset = profile.dataset();
        List<Column> columns = dataset.columns();
        List<String> ignored = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < trimmed.size(); i++) {
            if (!trimmed.get(i).isBlank()) {
                index.putIfAbsent(headerKey(trimmed.get(i)), i);
            }
        }
        int[][] sources = new int[columns.size()][];
        String[] constants = new String[columns.size()];
        List<Map<String, String>> values = new ArrayList<>();
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c).name();
            sources[c] = profile.columns().getOrDefault(name, List.of()).stream().map(SourceProfiles::headerKey).filter(index::containsKey).mapToInt(index::get).toArray();
            Arrays.stream(sources[c]).forEach(used::add);
            values.add(profile.values().getOrDefault(name, Map.of()));
            constants[c] = profile.constants().get(name);
            Map<String, String> fromTitle = profile.title().get(name);
            if (fromTitle != null) {
                constants[c] = fromTitle.entrySet().stream().filter(entry -> titleText.contains(entry.getKey())).map(Map.Entry::getValue).findFirst().orElse(constants[c]);
            }
            SourceProfile.TitleForm form = profile.titleForms().get(name);
            if (form != null) {
                constants[c] = titleValue(form, titleText).orElse(constants[c]);
            }
            if (constants[c] == null && sources[c].length == 0) {
                constants[c] = given.get(name);
            }
        }
        int keyColumn = -1;
        int keyField = -1;
        if (profile.key() != null) {
            keyColumn = dataset.columnIndex(profile.key().column());
            Integer field = index.get(headerKey(profile.key().from()));
            if (field == null) {
                return Recognition.refused(org.zhijian.schema.Rule.FILE_PROFILE, profile.key().column(), org.zhijian.schema.Rule.FILE_PROFILE.message(
                        "profile " + profile.id() + " builds " + profile.key().column() + " from " + profile.key().from() + ", which is not on the header row"));
            }
            keyField = field;
            used.add(field);
        }
        int[] places = profile.countyFrom().stream().map(SourceProfiles::headerKey).filter(index::containsKey).mapToInt(index::get).toArray();
        Arrays.stream(places).forEach(used::add);
        for (int i = 0; i < trimmed.size(); i++) {
            if (!used.contains(i) && !trimmed.get(i).isBlank()) {
                ignored.add(trimmed.get(i).strip());
            }
        }
        FieldMapping mapping = FieldMapping.of(dataset, sources, constants, values, profile.placeholders(), profile.notes(), keyColumn, keyField, keyPrefix)
                .withPlaces(places, profile.outsideCounted());
        return Recognition.of(new Match(profile, 0, mapping, trimmed.size(), ignored));
    }

    /**
     * A header row read as the project's own layout of a dataset: each cell's column by name,
     * Chinese name or alias; refused when two cells name one column or a required column is
     * missing ({@code file.duplicate_column}, {@code file.missing_column}).
     */
    Recognition ownLayout(SourceDataset dataset, List<String> header)
    {
        return ownLayout(ownLayout(dataset), header);
    }

    private Recognition ownLayout(SourceProfile profile, List<String> header)
    {
        SourceDataset dataset = profile.dataset();
        List<Column> columns = dataset.columns();
        List<String> ignored = new ArrayList<>();
        int[] fields = new int[columns.size()];
        Arrays.fill(fields, -1);
        Map<String, String> headerOf = new HashMap<>();
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
                return Recognition.refused(org.zhijian.schema.Rule.FILE_DUPLICATE_COLUMN, column.get(),
                        org.zhijian.schema.Rule.FILE_DUPLICATE_COLUMN.message(previous, cell.strip(), column.get()));
            }
            fields[dataset.columnIndex(column.get())] = i;
        }
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            if (fields[i] < 0 && column.required()) {
                return Recognition.refused(org.zhijian.schema.Rule.FILE_MISSING_COLUMN, column.name(),
                        org.zhijian.schema.Rule.FILE_MISSING_COLUMN.message(column.name() + " (" + column.chineseName() + ")"));
            }
        }
        return Recognition.of(new Match(profile, 0, FieldMapping.direct(fields), header.size(), ignored));
    }

    /** A date (as yyyy-MM-dd) or a year written in the title rows. */
    static Optional<String> titleValue(SourceProfile.TitleForm form, String text)
    {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        if (form == SourceProfile.TitleForm.DATE) {
            Matcher date = DATE.matcher(folded);
            while (date.find()) {
                int month = Integer.parseInt(date.group(2));
                int day = Integer.parseInt(date.group(3));
                if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
                    return Optional.of(String.format(Locale.ROOT, "%s-%02d-%02d", date.group(1), month, day));
                }
            }
            return Optional.empty();
        }
        Matcher year = YEAR.matcher(folded);
        return year.find() ? Optional.of(year.group(1)) : Optional.empty();
    }
}
