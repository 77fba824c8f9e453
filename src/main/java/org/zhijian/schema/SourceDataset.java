package org.zhijian.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One raw dataset as its file in conf/datasets describes it (see {@link DatasetCatalogue}): its
 * columns in file order, its key, how its staged table is partitioned, its row rules and its
 * references to other datasets. The single source of the input schema: the generator writes
 * it, ingest checks it, docs/data-dictionary.md is generated from it. A plain value: it travels
 * to Spark's executors with the validator that holds it.
 */
public final class SourceDataset
        implements Serializable, Comparable<SourceDataset>
{
    private static final long serialVersionUID = 1L;

    // The datasets the pipeline's own logic names (producer resolution, the lists' flags, facts).
    public static final String ENTERPRISES = "enterprises";
    public static final String FINANCE = "finance";
    public static final String BRANDS = "brands";
    public static final String STANDARDS = "standards";
    public static final String INSPECTIONS = "inspections";
    public static final String FAILED_BATCHES = "failed_batches";
    public static final String ENTERPRISE_LISTS = "enterprise_lists";
    public static final String CASES = "cases";
    public static final String REGION_ECONOMY = "region_economy";

    private final String tableName;
    private final String chineseName;
    private final String englishName;
    private final int order;
    private final List<String> keyColumns;
    private final List<Column> columns;
    private final String partitionYear;
    private final List<RowRule> rules;
    private final List<Reference> references;

    /**
     * @param partitionYear the column whose year partitions the staged table: a date column (a
     * column {@code year} is derived from it) or the dataset's own {@code year}; null for master data
     */
    public SourceDataset(String tableName, String chineseName, String englishName, int order, List<String> keyColumns, List<Column> columns,
            String partitionYear, List<RowRule> rules, List<Reference> references)
    {
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.chineseName = requireNonNull(chineseName, "chineseName is null");
        this.englishName = requireNonNull(englishName, "englishName is null");
        this.order = order;
        this.keyColumns = List.copyOf(keyColumns);
        this.columns = List.copyOf(columns);
        this.partitionYear = partitionYear;
        this.rules = List.copyOf(rules);
        this.references = List.copyOf(references);
    }

    public String tableName()
    {
        return tableName;
    }

    public String chineseName()
    {
        return chineseName;
    }

    public String englishName()
    {
        return englishName;
    }

    /** Where the dataset stands among the others: ingest, summaries and the dictionary list datasets in this order. */
    public int order()
    {
        return order;
    }

    /** Whether this is the dataset of that name. */
    public boolean is(String name)
    {
        return tableName.equals(name);
    }

    public List<String> keyColumns()
    {
        return keyColumns;
    }

    public List<Column> columns()
    {
        return columns;
    }

    public List<String> columnNames()
    {
        return columns.stream().map(Column::name).toList();
    }

    public boolean hasColumn(String name)
    {
        return columns.stream().anyMatch(column -> column.name().equals(name));
    }

    public Column column(String name)
    {
        return columns.get(columnIndex(name));
    }

    public int columnIndex(String name)
    {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("dataset " + tableName + " has no column " + name);
    }

    /** The first column of a kind, if the dataset has one. */
    public Optional<Column> columnOf(Column.Kind kind)
    {
        return columns.stream().filter(column -> column.kind() == kind).findFirst();
    }

    /** The date column whose year becomes the derived partition column {@code year}; empty for yearly and master data. */
    public Optional<String> yearSource()
    {
        return partitionYear == null || column(partitionYear).type() != ColumnType.DATE ? Optional.empty() : Optional.of(partitionYear);
    }

    /** Whether the staged table is partitioned by year (derived or the dataset's own). */
    public boolean partitioned()
    {
        return partitionYear != null;
    }

    public List<RowRule> rules()
    {
        return rules;
    }

    public List<Reference> references()
    {
        return references;
    }

    /** The reference that checks a column, if there is one. */
    public Optional<Reference> referenceOf(String column)
    {
        return references.stream().filter(reference -> reference.column().equals(column)).findFirst();
    }

    @Override
    public int compareTo(SourceDataset other)
    {
        int byOrder = Integer.compare(order, other.order);
        return byOrder != 0 ? byOrder : tableName.compareTo(other.tableName);
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof SourceDataset dataset && dataset.tableName.equals(tableName);
    }

    @Override
    public int hashCode()
    {
        return tableName.hashCode();
    }

    @Override
    public String toString()
    {
        return tableName;
    }
}
