package org.zhijian.schema;

import java.nio.file.Path;

/** The datasets of the project's conf/datasets, for tests that name one. */
public final class Datasets
{
    public static final DatasetCatalogue CATALOGUE = DatasetCatalogue.load(Path.of("conf"));

    public static final SourceDataset ENTERPRISES = CATALOGUE.get(SourceDataset.ENTERPRISES);
    public static final SourceDataset FINANCE = CATALOGUE.get(SourceDataset.FINANCE);
    public static final SourceDataset BRANDS = CATALOGUE.get(SourceDataset.BRANDS);
    public static final SourceDataset STANDARDS = CATALOGUE.get(SourceDataset.STANDARDS);
    public static final SourceDataset INSPECTIONS = CATALOGUE.get(SourceDataset.INSPECTIONS);
    public static final SourceDataset FAILED_BATCHES = CATALOGUE.get(SourceDataset.FAILED_BATCHES);
    public static final SourceDataset ENTERPRISE_LISTS = CATALOGUE.get(SourceDataset.ENTERPRISE_LISTS);
    public static final SourceDataset CASES = CATALOGUE.get(SourceDataset.CASES);
    public static final SourceDataset REGION_ECONOMY = CATALOGUE.get(SourceDataset.REGION_ECONOMY);

    private Datasets() {}
}
