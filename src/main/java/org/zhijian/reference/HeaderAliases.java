package org.zhijian.reference;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.zhijian.schema.DatasetCatalogue;
import org.zhijian.schema.SourceDataset;

import static java.util.Objects.requireNonNull;

/**
 * Maps a header as written in a raw file (the English name, the Chinese name or an alias of a
 * column in conf/datasets) to its column; it carries the dataset catalogue it maps over.
 */
public final class HeaderAliases
{
    private final DatasetCatalogue datasets;

    public HeaderAliases(DatasetCatalogue datasets)
    {
        this.datasets = requireNonNull(datasets, "datasets is null");
    }

    /** The datasets whose headers these are. */
    public DatasetCatalogue datasets()
    {
        return datasets;
    }

    /** The canonical column for a header cell, matching English names case-insensitively. */
    public Optional<String> columnFor(SourceDataset dataset, String header)
    {
        String cleaned = normalize(header);
        for (org.zhijian.schema.Column column : dataset.columns()) {
            if (column.name().equalsIgnoreCase(cleaned) || normalize(column.chineseName()).equals(cleaned)) {
                return Optional.of(column.name());
            }
        }
        return dataset.columns().stream().filter(column -> column.aliases().contains(cleaned)).map(org.zhijian.schema.Column::name).findFirst();
    }

    public List<String> aliasesOf(SourceDataset dataset, String column)
    {
        return dataset.column(column).aliases().stream().sorted().toList();
    }

    /** A header as aliases are looked up: trimmed, a byte-order mark and a unit in brackets dropped, lower case. */
    public static String normalize(String header)
    {
        String trimmed = header == null ? "" : header.strip();
        if (trimmed.startsWith("\uFEFF")) {
            trimmed = trimmed.substring(1).strip();
        }
        // Spreadsheet headers often carry the unit: 营业收入（万元） or sales_revenue (万元).
        int bracket = indexOfAny(trimmed, "（(");
        if (bracket > 0) {
            trimmed = trimmed.substring(0, bracket).strip();
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    private static int indexOfAny(String text, String characters)
    {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
