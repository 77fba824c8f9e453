package org.zhijian.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zhijian.schema.Column;
import org.zhijian.schema.ColumnType;
import org.zhijian.schema.SourceDataset;

/**
 * The typed columns of a staged table: the dataset's columns of PRODUCT.md §3 under their own
 * names, columns derived during validation (city, industry section and division, standard
 * kind, the partition year), and the lineage of every row (source file, line and run).
 * Units and descriptions travel in the Parquet schema's field metadata.
 */
public final class StagedSchema
{
    public static final String SOURCE_FILE = "source_file";
    public static final String SOURCE_LINE = "source_line";
    public static final String RUN_ID = "run_id";
    public static final String YEAR = "year";

    public static final DataType AMOUNT = DataTypes.createDecimalType(22, FieldParsers.AMOUNT_SCALE);

    private StagedSchema() {}

    /** The derived columns a dataset gets, in order, after its own columns. */
    public static List<StructField> derivedFields(SourceDataset dataset)
    {
        List<StructField> fields = new ArrayList<>();
        if (dataset.columnOf(Column.Kind.COUNTY).isPresent()) {
            fields.add(field("city_code", DataTypes.StringType, "", "City (prefecture) of the county, GB/T 2260"));
            fields.add(field("county_code_original", DataTypes.StringType, "", "The historical county code the file carried, when it was mapped to today's"));
        }
        if (dataset.columnOf(Column.Kind.INDUSTRY).isPresent()) {
            fields.add(field("industry_section", DataTypes.StringType, "", "GB/T 4754-2017 section letter of industry_code"));
            fields.add(field("industry_division", DataTypes.StringType, "", "GB/T 4754-2017 division (2 digits) of industry_code, empty for a section-only code"));
        }
        if (dataset.columnOf(Column.Kind.STANDARD_NO).isPresent()) {
            fields.add(field("standard_kind", DataTypes.StringType, "", "Kind of standard_no: national, industry, local, group, enterprise or international"));
        }
        if (yearSource(dataset).isPresent()) {
            fields.add(field(YEAR, DataTypes.IntegerType, "", "Year of " + yearSource(dataset).get() + " (the partition)"));
        }
        return fields;
    }

    /** The date column whose year partitions a dated dataset; empty for yearly and master data. */
    public static Optional<String> yearSource(SourceDataset dataset)
    {
        return dataset.yearSource();
    }

    /** The partition column of the staged table, if it has one. */
    public static Optional<String> partitionColumn(SourceDataset dataset)
    {
        return dataset.partitioned() ? Optional.of(YEAR) : Optional.empty();
    }

    public static List<StructField> lineageFields()
    {
        return List.of(
                field(SOURCE_FILE, DataTypes.StringType, "", "Raw file the row came from"),
                field(SOURCE_LINE, DataTypes.LongType, "", "Line (CSV) or row (XLSX) of the row in its file"),
                field(RUN_ID, DataTypes.StringType, "", "Ingest run that loaded the row"));
    }

    /** Every column of the staged table, in order. */
    public static StructType staged(SourceDataset dataset)
    {
        List<StructField> fields = new ArrayList<>();
        for (Column column : dataset.columns()) {
            StructField field = field(column.name(), sparkType(column.type()), column.unit(), column.description());
            if (column.personal()) {
                field = new StructField(field.name(), field.dataType(), true, new MetadataBuilder().withMetadata(field.metadata()).putBoolean(org.zhijian.lake.PersonalData.METADATA, true).build());
            }
            fields.add(field);
        }
        fields.addAll(derivedFields(dataset));
        fields.addAll(lineageFields());
        return new StructType(fields.toArray(StructField[]::new));
    }

    public static DataType sparkType(ColumnType type)
    {
        return switch (type) {
            case TEXT, CODE -> DataTypes.StringType;
            case DATE -> DataTypes.DateType;
            case BOOLEAN -> DataTypes.BooleanType;
            case DECIMAL -> AMOUNT;
            case INTEGER -> DataTypes.LongType;
            case YEAR -> DataTypes.IntegerType;
        };
    }

    static StructField field(String name, DataType type, String unit, String description)
    {
        MetadataBuilder metadata = new MetadataBuilder().putString("comment", description);
        if (!unit.isEmpty()) {
            metadata.putString("unit", unit);
        }
        return new StructField(name, type, true, metadata.build());
    }

    static StructField plain(String name, DataType type)
    {
        return new StructField(name, type, true, Metadata.empty());
    }
}
