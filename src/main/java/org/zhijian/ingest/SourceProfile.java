package org.zhijian.ingest;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.zhijian.schema.SourceDataset;

import static java.util.Objects.requireNonNull;

/**
 * One layout of raw file (conf/sources/*.yaml): how its header row is recognised, which dataset
 * it feeds and how its columns become the dataset's. A file is matched to a profile by its
 * header row, found on one of the first {@code headerWithin} rows — never by its name.
 * <p>
 * The project's own layouts ({@code own}) take their headers from the dataset's names and
 * the aliases of conf/datasets and read exactly as before. Other layouts name their source
 * headers: {@code signature} must all be on the header row; {@code columns} maps each dataset
 * column to the source headers that feed it, the first non-empty one winning; {@code values}
 * translate a column's values (P → pass); {@code title} sets a column from the rows above the
 * header (国家 → national), {@code titleForms} from a date or year written there; {@code constants} set a column outright; {@code placeholders} are
 * cells that mean "empty"; {@code notes} are prefixes of rows that are notes, not data; and
 * {@code key} builds a column from the file's name and a running number. {@code countyFrom}
 * names headers whose text places the county where no column gives it (登记机关, 住所);
 * {@code outsideCounted} says a notice covers the province's production, so a batch whose
 * producer is outside the province still counts in the province's figures. A signature header
 * may give alternatives, {@code 检验结论|抽查结果}.
 */
public record SourceProfile(
        String id,
        String file,
        SourceDataset dataset,
        boolean own,
        List<String> signature,
        int headerWithin,
        Map<String, List<String>> columns,
        Map<String, Map<String, String>> values,
        Map<String, Map<String, String>> title,
        Map<String, TitleForm> titleForms,
        Map<String, String> constants,
        Set<String> placeholders,
        List<String> notes,
        Key key,
        List<String> countyFrom,
        boolean outsideCounted)
{
    /** A value read from the title rows in a form rather than by a map: a date (2025年3月5日, 2025-03-05, 2025.3.5) or a year (2024年). */
    public enum TitleForm
    {
        DATE, YEAR
    }

    /** The column a key is built into, and the source header of the running number it is built from. */
    public record Key(String column, String from) {}

    public SourceProfile
    {
        requireNonNull(id, "id is null");
        requireNonNull(file, "file is null");
        requireNonNull(dataset, "dataset is null");
        signature = List.copyOf(signature);
        columns = Map.copyOf(columns);
        values = Map.copyOf(values);
        title = Map.copyOf(title);
        titleForms = Map.copyOf(titleForms);
        constants = Map.copyOf(constants);
        placeholders = Set.copyOf(placeholders);
        notes = List.copyOf(notes);
        countyFrom = List.copyOf(countyFrom);
    }
}
