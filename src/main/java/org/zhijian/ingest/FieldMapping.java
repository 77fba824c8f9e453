package org.zhijian.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * How the fields of one file's records become the dataset's raw values, as its profile and
 * header row say: for each column the fields that feed it (the first non-empty wins), its value
 * map, a constant where no field gives a value, and a key built from the file and a running
 * number. The project's own layouts use one field per column and nothing else, so their values
 * pass through unchanged.
 */
public final class FieldMapping
        implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final int[][] sources;
    private final String[] constants;
    private final List<Map<String, String>> values;
    private final Set<String> placeholders;
    private final List<String> notes;
    private final int keyColumn;
    private final int keyField;
    private final String keyPrefix;
    /** The dataset whose columns' types say how values are normalised; null for the project's own layouts, whose values pass through. */
    private final org.zhijian.schema.SourceDataset normalised;
    /** Fields whose text places the row's county (登记机关, 住所), in order of preference, where no field gives county_code. */
    private final int[] countyFrom;
    /** Whether a batch whose producer is outside the province counts in the province's figures (a notice of the province's production). */
    private final boolean outsideInProvince;

    private FieldMapping(int[][] sources, String[] constants, List<Map<String, String>> values, Set<String> placeholders, List<String> notes, int keyColumn,
            int keyField, String keyPrefix, org.zhijian.schema.SourceDataset normalised, int[] countyFrom, boolean outsideInProvince)
    {
        this.countyFrom = countyFrom;
        this.outsideInProvince = outsideInProvince;
        this.normalised = normalised;
        this.sources = sources;
        this.constants = constants;
        this.values = values;
        this.placeholders = placeholders;
        this.notes = notes;
        this.keyColumn = keyColumn;
        this.keyField = keyField;
        this.keyPrefix = keyPrefix;
    }

    /** One field per column, -1 where the file has none: the project's own layouts. */
    public static FieldMapping direct(int[] columnFields)
    {
        int[][] sources = new int[columnFields.length][];
        for (int i = 0; i < columnFields.length; i++) {
            sources[i] = columnFields[i] < 0 ? new int[0] : new int[] {columnFields[i]};
        }
        return new FieldMapping(sources, new String[columnFields.length], emptyMaps(columnFields.length), Set.of(), List.of(), -1, -1, "", null, new int[0], false);
    }

    /**
     * A profile's mapping: {@code sources} the fields of each column in order of preference,
     * {@code constants} values where no field gives one (null for none), {@code values} each
     * column's value map (empty for none); {@code keyColumn} is built as {@code keyPrefix-<field keyField>}
     * when it is not negative; values are normalised by the types of {@code dataset}'s columns ({@link ValueNormaliser}).
     */
    public static FieldMapping of(org.zhijian.schema.SourceDataset dataset, int[][] sources, String[] constants, List<Map<String, String>> values,
            Set<String> placeholders, List<String> notes, int keyColumn, int keyField, String keyPrefix)
    {
        int[][] copy = new int[sources.length][];
        for (int i = 0; i < sources.length; i++) {
            copy[i] = sources[i].clone();
        }
        List<Map<String, String>> maps = new ArrayList<>();
        values.forEach(map -> maps.add(new HashMap<>(map)));
        return new FieldMapping(copy, constants.clone(), maps, new HashSet<>(placeholders), new ArrayList<>(notes), keyColumn, keyField,
                requireNonNull(keyPrefix, "keyPrefix is null"), requireNonNull(dataset, "dataset is null"), new int[0], false);
    }

    private static List<Map<String, String>> emptyMaps(int count)
    {
        List<Map<String, String>> maps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            maps.add(new HashMap<>());
        }
        return maps;
    }

    /** The same mapping, placing the county by the text of {@code fields} and counting outside producers in the province as {@code outsideInProvince} says. */
    FieldMapping withPlaces(int[] fields, boolean outsideInProvince)
    {
        return new FieldMapping(sources, constants, values, placeholders, notes, keyColumn, keyField, keyPrefix, normalised, fields.clone(), outsideInProvince);
    }

    /** Whether the file is of another layout than the project's own: its values are normalised and its producers resolved by name. */
    public boolean foreign()
    {
        return normalised != null;
    }

    public boolean outsideInProvince()
    {
        return outsideInProvince;
    }

    /** The texts that may place the row's county (登记机关, 住所), in order of preference; empty when the profile names none. */
    public List<String> placeTexts(List<String> fields)
    {
        List<String> texts = new ArrayList<>();
        for (int field : countyFrom) {
            String cell = field < fields.size() ? fields.get(field) : null;
            if (cell != null && !cell.isBlank() && !placeholders.contains(cell.strip())) {
                texts.add(cell.strip());
            }
        }
        return texts;
    }

    /** The fields feeding column {@code index}, in order of preference. */
    public int[] sources(int index)
    {
        return sources[index].clone();
    }

    public int columns()
    {
        return sources.length;
    }

    /** A row whose first non-empty cell starts with a note prefix (注：…) and has at most one other: a note under the table, not data. */
    public boolean isNote(List<String> fields)
    {
        if (notes.isEmpty()) {
            return false;
        }
        String first = null;
        int filled = 0;
        for (String field : fields) {
            if (field != null && !field.isBlank()) {
                filled++;
                first = first == null ? field.strip() : first;
            }
        }
        if (first == null || filled > 2) {
            return false;
        }
        for (String prefix : notes) {
            if (first.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The dataset's raw values of one record, null where the file has no field for a column. */
    public String[] apply(List<String> fields)
    {
        return apply(fields, new ArrayList<>());
    }

    /** As {@link #apply(List)}, adding to {@code normalisations} each normalisation made, as "rule column". */
    public String[] apply(List<String> fields, List<String> normalisations)
    {
        String[] raw = new String[sources.length];
        for (int i = 0; i < sources.length; i++) {
            String value = null;
            for (int field : sources[i]) {
                String cell = field < fields.size() ? fields.get(field) : null;
                if (cell != null && placeholders.contains(cell.strip())) {
                    cell = "";
                }
                if (value == null || value.isBlank()) {
                    value = cell;
                }
            }
            if ((value == null || value.isBlank()) && constants[i] != null) {
                value = constants[i];
            }
            if (normalised != null) {
                value = ValueNormaliser.normalise(normalised.columns().get(i), value, normalisations);
            }
            if (value != null && !values.get(i).isEmpty()) {
                value = values.get(i).getOrDefault(value.strip(), value);
            }
            raw[i] = value;
        }
        if (keyColumn >= 0) {
            String number = keyField < fields.size() ? fields.get(keyField) : null;
            raw[keyColumn] = number == null || number.isBlank() ? null : keyPrefix + "-" + number.strip();
        }
        return raw;
    }
}
