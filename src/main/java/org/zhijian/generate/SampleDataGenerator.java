package org.zhijian.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.zhijian.reference.Division;
import org.zhijian.reference.IndustryCluster;
import org.zhijian.reference.ProductCategory;
import org.zhijian.reference.ReferenceData;
import org.zhijian.schema.SourceDataset;

import static java.util.Objects.requireNonNull;
import static org.zhijian.generate.EnterprisePopulation.LARGE;
import static org.zhijian.generate.EnterprisePopulation.MEDIUM;

/**
 * Writes a realistic, deterministic set of raw files for the whole province (PRODUCT.md §10):
 * the same settings give byte-identical files. Sizes at scale 1 follow the specification:
 * 300,000 enterprises, 1,000,000 sampling batches, 500,000 standard records, 3,000 brands,
 * about 500,000 finance rows and 50,000 cases, over ten years.
 */
public final class SampleDataGenerator
{
    private static final String YES = "是";
    private static final String NO = "否";
    private static final double[] MONTH_WEIGHTS = {0.05, 0.04, 0.08, 0.09, 0.10, 0.10, 0.09, 0.09, 0.10, 0.09, 0.09, 0.08};
    private static final Map<String, Double> GROUP_PASS_RATES = Map.of(
            "食品", 0.965, "食品相关产品", 0.94, "日用及纺织品", 0.90, "轻工产品", 0.895, "电子电器", 0.92,
            "电工及材料产品", 0.875, "建筑和装饰装修材料", 0.91, "机械及安防产品", 0.92, "农业生产资料", 0.86);
    private static final Map<String, Double> CATEGORY_PASS_RATES = Map.of(
            "电线电缆", 0.84, "复混肥料", 0.84, "儿童及婴幼儿服装", 0.86, "塑胶玩具", 0.87, "童车", 0.87,
            "学生文具", 0.86, "童鞋", 0.87, "大米", 0.975, "乳制品", 0.985, "茶叶", 0.97);
    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter SLASH_DATE = DateTimeFormatter.ofPattern("yyyy/M/d");

    private final ReferenceData reference;
    private final GeneratorSettings settings;
    private final Consumer<String> progress;
    private final EnterprisePopulation population;
    private final int startYear;
    private final int endYear;
    private final LocalDate lastDay;
    /** Per brand holder: bit (year - startYear + 8) set when it holds a valid brand that year. */
    private final Map<Integer, Long> brandYears = new HashMap<>();
    /** Chance a certification is renewed at the end of its term. */
    private static final double RENEWAL = 0.6;
    /** The brand economy contribution rate the sample data aim at in the first year, and its yearly rise. */
    private static final double BRAND_RATE_FIRST_YEAR = 0.28;
    private static final double BRAND_RATE_GROWTH = 0.004;

    private final Map<Integer, Double> brandShare = new HashMap<>();
    private final int[] manufacturers;
    /** Counties weighted by their enterprises, for producers and parties without a credit code. */
    private final WeightedChoice countyByEnterprises;

    private SampleDataGenerator(ReferenceData reference, GeneratorSettings settings, Consumer<String> progress)
    {
        this.reference = requireNonNull(reference, "reference is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.startYear = settings.startYear();
        this.endYear = settings.endYear();
        this.lastDay = LocalDate.of(endYear, 12, 31);
        this.population = new EnterprisePopulation(reference, settings.seed(), settings.scale(), startYear, endYear);
        this.manufacturers = java.util.stream.IntStream.range(0, population.count).filter(population::isManufacturing).toArray();
        this.countyByEnterprises = countyChoiceByEnterprises();
    }

    // The datasets of the bureau's other work (MarketSupervision), written when conf/datasets has them.
    static final String EQUIPMENT = "equipment";
    static final String EQUIPMENT_INSPECTIONS = "equipment_inspections";
    static final String EQUIPMENT_ACCIDENTS = "equipment_accidents";
    static final String LICENCES = "licences";
    static final String RECALLS = "recalls";

    /** The datasets the generator writes in the project's own layouts (failed-only lists and enterprise lists come from the bureau's files only). */
    public static final List<String> DATASETS = List.of(SourceDataset.ENTERPRISES, SourceDataset.FINANCE, SourceDataset.BRANDS, SourceDataset.STANDARDS,
            SourceDataset.INSPECTIONS, SourceDataset.CASES, SourceDataset.REGION_ECONOMY, EQUIPMENT, EQUIPMENT_INSPECTIONS, EQUIPMENT_ACCIDENTS, LICENCES, RECALLS);

    /** {@link #DATASETS} that the catalogue describes (a bureau may have removed the newer ones from conf/datasets). */
    public static List<SourceDataset> datasets(org.zhijian.schema.DatasetCatalogue catalogue)
    {
        return DATASETS.stream().map(catalogue::find).flatMap(java.util.Optional::stream).toList();
    }

    public static GenerationSummary generate(ReferenceData reference, GeneratorSettings settings, Consumer<String> progress)
    {
        long started = System.nanoTime();
        try {
            Files.createDirectories(settings.outputDirectory());
            for (SourceDataset dataset : reference.datasets().all()) {
                for (String extension : List.of(".csv", ".xlsx")) {
                    Files.deleteIfExists(settings.outputDirectory().resolve(dataset.tableName() + extension));
                }
            }
            return new SampleDataGenerator(reference, settings, progress).run(started);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GenerationSummary run(long started)
            throws IOException
    {
        Path manifestPath = settings.outputDirectory().resolve(DirtyRowInjector.MANIFEST_FILE);
        List<GenerationSummary.WrittenFile> files = new ArrayList<>();
        DirtyRowInjector injector;
        try (BufferedWriter manifest = Files.newBufferedWriter(manifestPath, StandardCharsets.UTF_8)) {
            injector = new DirtyRowInjector(settings.dirtyRate(), settings.seed(), population, manifest);
            BureauFiles bureau = new BureauFiles(reference.divisions(), reference.datasets(), settings.outputDirectory());
            if (settings.formatSet().contains(OutputFormat.REGISTER)) {
                writeRegister(bureau);
            }
            else {
                files.add(write(dataset(SourceDataset.ENTERPRISES), injector, this::writeEnterprises));
            }
            files.add(write(dataset(SourceDataset.BRANDS), injector, this::writeBrands));
            files.add(write(dataset(SourceDataset.FINANCE), injector, this::writeFinance));
            files.add(write(dataset(SourceDataset.STANDARDS), injector, this::writeStandards));
            files.add(write(dataset(SourceDataset.INSPECTIONS), injector, emitter -> writeInspections(emitter, bureau)));
            files.add(write(dataset(SourceDataset.CASES), injector, this::writeCases));
            files.add(write(dataset(SourceDataset.REGION_ECONOMY), injector, this::writeRegionEconomy));
            MarketSupervision supervision = new MarketSupervision(reference, population, settings.seed(), settings.scale(), startYear, endYear);
            Map<String, DatasetWriter> others = new java.util.LinkedHashMap<>();
            others.put(EQUIPMENT, emitter -> supervision.writeEquipment(emitter::emit));
            others.put(EQUIPMENT_INSPECTIONS, emitter -> supervision.writeInspections(emitter::emit));
            others.put(EQUIPMENT_ACCIDENTS, emitter -> supervision.writeAccidents(emitter::emit));
            others.put(LICENCES, emitter -> supervision.writeLicences(emitter::emit));
            others.put(RECALLS, emitter -> supervision.writeRecalls(emitter::emit));
            for (Map.Entry<String, DatasetWriter> other : others.entrySet()) {
                // Inspections and accidents name units of the register: without it they are not written either.
                if (reference.datasets().find(other.getKey()).isPresent() && (other.getKey().equals(LICENCES) || other.getKey().equals(RECALLS)
                        || reference.datasets().find(EQUIPMENT).isPresent())) {
                    files.add(write(dataset(other.getKey()), injector, other.getValue()));
                }
            }
            injector.close();
            for (GenerationSummary.WrittenFile file : bureau.written()) {
                progress.accept(String.format("  %-21s %,10d rows  %-8s %s", file.dataset().tableName(), file.rows(), file.format(), file.path().getFileName()));
                files.add(file);
            }
        }
        return new GenerationSummary(files, injector.counts(), manifestPath, (System.nanoTime() - started) / 1_000_000);
    }

    private interface DatasetWriter
    {
        void write(RowEmitter emitter)
                throws IOException;
    }

    /** Writes a clean row and lets the injector add a bad one after it. */
    private static final class RowEmitter
    {
        private final SourceDataset dataset;
        private final RowSink sink;
        private final DirtyRowInjector injector;

        RowEmitter(SourceDataset dataset, RowSink sink, DirtyRowInjector injector)
        {
            this.dataset = dataset;
            this.sink = sink;
            this.injector = injector;
        }

        void emit(String... values)
                throws IOException
        {
            // Columns the generator gives no value (a register's address, how a producer resolved) are written empty.
            String[] row = values.length >= dataset.columns().size() ? values : java.util.Arrays.copyOf(values, dataset.columns().size());
            for (int i = values.length; i < row.length; i++) {
                row[i] = "";
            }
            sink.write(row);
            injector.afterCleanRow(dataset, sink, row);
        }
    }

    private SourceDataset dataset(String name)
    {
        return reference.datasets().get(name);
    }

    private GenerationSummary.WrittenFile write(SourceDataset dataset, DirtyRowInjector injector, DatasetWriter writer)
            throws IOException
    {
        long started = System.nanoTime();
        OutputFormat format = formatOf(dataset);
        RowSink sink = openSink(dataset, format);
        try (sink) {
            writer.write(new RowEmitter(dataset, sink, injector));
        }
        long bytes = Files.size(sink.path());
        progress.accept(String.format("  %-21s %,10d rows  %-5s %s (%.1fs)", dataset.tableName(), sink.rows(), format.name().toLowerCase(java.util.Locale.ROOT),
                sink.path().getFileName(), (System.nanoTime() - started) / 1e9));
        return new GenerationSummary.WrittenFile(dataset, sink.path(), format.name().toLowerCase(java.util.Locale.ROOT), sink.rows(), bytes);
    }

    /** Bureau exports come in mixed shapes: GBK for the registry and case systems, workbooks for brands and economy. */
    OutputFormat formatOf(SourceDataset dataset)
    {
        if (settings.formatSet().contains(OutputFormat.GBK) && (dataset.is(SourceDataset.ENTERPRISES) || dataset.is(SourceDataset.CASES))) {
            return OutputFormat.GBK;
        }
        if (settings.formatSet().contains(OutputFormat.XLSX) && (dataset.is(SourceDataset.BRANDS) || dataset.is(SourceDataset.REGION_ECONOMY))) {
            return OutputFormat.XLSX;
        }
        return settings.primaryFormat();
    }

    private RowSink openSink(SourceDataset dataset, OutputFormat format)
            throws IOException
    {
        Path directory = settings.outputDirectory();
        return switch (format) {
            case XLSX -> new XlsxRowSink(directory.resolve(dataset.tableName() + ".xlsx"), dataset);
            case GBK -> new CsvRowSink(directory.resolve(dataset.tableName() + ".csv"), dataset, Charset.forName("GB18030"), false, true,
                    dataset.is(SourceDataset.CASES) ? SLASH_DATE::format : CHINESE_DATE::format, dataset.is(SourceDataset.CASES));
            case CSV -> new CsvRowSink(directory.resolve(dataset.tableName() + ".csv"), dataset, StandardCharsets.UTF_8, dataset.is(SourceDataset.STANDARDS), false,
                    Function.<LocalDate>identity().andThen(LocalDate::toString), false);
            case NOTICE, REGISTER -> throw new IllegalStateException("the bureau's files are written by BureauFiles, not a row sink");
        };
    }

    private void writeEnterprises(RowEmitter emitter)
            throws IOException
    {
        for (int i = 0; i < population.count; i++) {
            emitter.emit(
                    population.creditCode(i),
                    population.name(i),
                    population.registeredCountyCode(i),
                    population.industryCode(i),
                    EnterprisePopulation.SIZE_NAMES[population.sizeClass[i]],
                    population.aboveScale[i] ? YES : NO,
                    population.highTech[i] ? YES : NO,
                    LocalDate.ofEpochDay(population.establishedDay[i]).toString(),
                    population.status[i] == 0 ? "存续" : population.status[i] == 1 ? "注销" : "吊销",
                    population.legalRepresentative(i),
                    population.phone(i));
        }
    }

    private void writeBrands(RowEmitter emitter)
            throws IOException
    {
        RandomSource random = new RandomSource(settings.seed(), 2);
        // Small samples keep enough brands for the brand indicators to mean something.
        int target = Math.max(90, (int) Math.round(3_000 * settings.scale()));
        int regionalClusters = Math.min(reference.clusters().size(), Math.max(2, (int) Math.round(target * 0.08 / 3.5)));
        int written = 0;
        int sequence = 0;
        for (int c = 0; c < regionalClusters; c++) {
            IndustryCluster cluster = reference.clusters().get(c);
            String name = EnterprisePopulation.shortName(reference.divisions().get(cluster.countyCode()).name()) + cluster.product();
            LocalDate certified = LocalDate.of(startYear - 1, 1, 1).plusDays(random.nextInt(900));
            while (!certified.isAfter(lastDay)) {
                LocalDate validUntil = certified.plusYears(3).minusDays(1);
                emitter.emit(brandId(++sequence), "", cluster.countyCode(), cluster.division(), name, cluster.product(), "区域名牌",
                        certified.toString(), validUntil.toString(), "", YES);
                written++;
                certified = certified.plusYears(3);
            }
        }
        List<Integer> candidates = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < population.count; i++) {
            if (population.isManufacturing(i) && population.aboveScale[i] && population.status[i] == 0) {
                candidates.add(i);
                weights.add(StrictMath.pow(population.salesAtEnd[i], 2.6) * (population.sizeClass[i] <= MEDIUM ? 1 : 0.2));
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        WeightedChoice holders = new WeightedChoice(weights.stream().mapToDouble(Double::doubleValue).toArray());
        String[] levels = {"浙江名牌", "浙江制造", "中国驰名商标"};
        WeightedChoice levelChoice = new WeightedChoice(new double[] {0.5, 0.33, 0.17});
        LocalDate firstDay = LocalDate.of(startYear - 3, 1, 1);
        int span = (int) (LocalDate.of(endYear, 12, 31).toEpochDay() - firstDay.toEpochDay());
        while (written < target) {
            int holder = candidates.get(holders.next(random));
            if (brandShare.containsKey(holder) && random.chance(0.95)) {
                // Most holders have one brand line; some hold several levels.
                continue;
            }
            String level = levels[levelChoice.next(random)];
            String product = random.pick(Vocabulary.PRODUCTS.get(population.industryCode(holder)));
            String name = population.tradeName(holder);
            boolean ownIntellectualProperty = random.chance(population.highTech[holder] ? 0.92 : 0.75);
            brandShare.computeIfAbsent(holder, ignored -> 0.6 + 0.3 * random.uniform());
            LocalDate established = LocalDate.ofEpochDay(population.establishedDay[holder]);
            // Earlier certifications are more frequent, so that with renewals the stock of valid brands stays level.
            LocalDate certified = firstDay.plusDays((long) (span * StrictMath.pow(random.uniform(), 1.4)));
            if (certified.isBefore(established.plusYears(2))) {
                certified = established.plusYears(2);
            }
            while (!certified.isAfter(lastDay) && written < target) {
                LocalDate validUntil = certified.plusYears(3).minusDays(1);
                LocalDate revoked = null;
                if (random.chance(population.weak[holder] ? 0.3 : 0.03)) {
                    LocalDate candidate = certified.plusDays(30 + random.nextInt(1000));
                    if (candidate.isBefore(validUntil) && !candidate.isAfter(lastDay)) {
                        revoked = candidate;
                    }
                }
                markBrandYears(holder, certified, revoked != null ? revoked : validUntil);
                emitter.emit(brandId(++sequence), population.creditCode(holder), population.countyCode(holder), population.industryCode(holder),
                        name, product, level, certified.toString(), validUntil.toString(), revoked == null ? "" : revoked.toString(), ownIntellectualProperty ? YES : NO);
                written++;
                if (revoked != null || !random.chance(RENEWAL)) {
                    break;
                }
                certified = certified.plusYears(3);
            }
        }
    }

    /** Marks the years on whose 31 December the certification stands (certified ≤ day < end). */
    private void markBrandYears(int holder, LocalDate certified, LocalDate end)
    {
        long bits = brandYears.getOrDefault(holder, 0L);
        for (int year = Math.max(certified.getYear(), startYear - 8); year <= endYear; year++) {
            LocalDate day = LocalDate.of(year, 12, 31);
            if (!certified.isAfter(day) && day.isBefore(end)) {
                bits |= 1L << (year - startYear + 8);
            }
        }
        brandYears.put(holder, bits);
    }

    private boolean holdsBrand(int holder, int year)
    {
        return (brandYears.getOrDefault(holder, 0L) & (1L << (year - startYear + 8))) != 0;
    }

    private static String brandId(int sequence)
    {
        return String.format("BR%06d", sequence);
    }

    /**
     * Per year, the factor on holders' brand-sales shares that brings the brand economy
     * contribution rate (brand sales of year-end holders ÷ sales of above-scale manufacturers)
     * to its target path, from expected sales: 30% in the first year rising to about 34%
     * (DOMAIN.md: published shares of 34–40%). Shares stay below 98%, so a year whose holders
     * are too small falls short rather than inventing sales.
     */
    private double[] brandSalesCalibration()
    {
        double[] factors = new double[endYear - startYear + 1];
        for (int year = startYear; year <= endYear; year++) {
            double manufacturing = 0;
            double branded = 0;
            for (int i = 0; i < population.count; i++) {
                if (!population.filesFinance(i) || !population.existsIn(i, year)) {
                    continue;
                }
                double expected = population.salesAtEnd[i] * StrictMath.exp(-population.growth[i] * (endYear - year));
                if (population.isManufacturing(i) && population.aboveScale[i]) {
                    manufacturing += expected;
                }
                if (holdsBrand(i, year)) {
                    branded += expected * brandShare.get(i);
                }
            }
            double target = BRAND_RATE_FIRST_YEAR + BRAND_RATE_GROWTH * (year - startYear);
            factors[year - startYear] = branded > 0 ? target * manufacturing / branded : 0;
        }
        return factors;
    }

    private void writeFinance(RowEmitter emitter)
            throws IOException
    {
        RandomSource random = new RandomSource(settings.seed(), 3);
        double[] macro = new double[10];
        for (int k = 0; k < 10; k++) {
            int year = startYear + k;
            macro[k] = year == 2020 ? 0.95 : 1 + random.gaussian(0, 0.015);
        }
        double[] calibration = brandSalesCalibration();
        for (int i = 0; i < population.count; i++) {
            if (!population.filesFinance(i)) {
                continue;
            }
            double exportShare = random.chance(0.4) ? 0 : random.uniform(0.05, 0.6);
            double researchShare = population.highTech[i] ? random.uniform(0.03, 0.06) : random.uniform(0.004, 0.02);
            double outputRatio = random.uniform(0.92, 1.08);
            for (int year = startYear; year <= endYear; year++) {
                if (!population.existsIn(i, year)) {
                    continue;
                }
                double sales = population.salesAtEnd[i] * StrictMath.exp(-population.growth[i] * (endYear - year)) * StrictMath.exp(random.gaussian(0, 0.05)) * macro[year - startYear];
                double brandSales = holdsBrand(i, year) ? sales * Math.min(0.98, brandShare.get(i) * calibration[year - startYear]) : 0;
                int sizeClass = population.sizeClass[i];
                double patentMean = (sizeClass == LARGE ? 120 : sizeClass == MEDIUM ? 18 : 3) * (population.highTech[i] ? 3 : 1);
                emitter.emit(
                        population.creditCode(i),
                        String.valueOf(year),
                        Amounts.format(sales * outputRatio),
                        Amounts.format(sales),
                        Amounts.format(brandSales),
                        Amounts.format(sales * exportShare),
                        Amounts.format(sales * researchShare),
                        String.valueOf(random.poisson(patentMean)));
            }
        }
    }

    private void writeStandards(RowEmitter emitter)
            throws IOException
    {
        RandomSource random = new RandomSource(settings.seed(), 4);
        int target = (int) Math.round(500_000 * settings.scale());
        double[] weights = new double[manufacturers.length];
        for (int k = 0; k < manufacturers.length; k++) {
            weights[k] = new double[] {20, 6, 2, 0.5}[population.sizeClass[manufacturers[k]]];
        }
        WeightedChoice choice = new WeightedChoice(weights);
        WeightedChoice yearChoice = new WeightedChoice(yearWeights(1.06));
        for (int n = 1; n <= target; n++) {
            int i = manufacturers[choice.next(random)];
            int year = startYear + yearChoice.next(random);
            LocalDate effective = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
            LocalDate established = LocalDate.ofEpochDay(population.establishedDay[i]);
            if (effective.isBefore(established)) {
                effective = established.plusDays(random.nextInt(60));
            }
            if (effective.isAfter(lastDay)) {
                effective = lastDay.minusDays(random.nextInt(30));
            }
            year = effective.getYear();
            double u = random.uniform();
            boolean large = population.sizeClass[i] == LARGE;
            String role = u < (large ? 0.10 : 0.05) ? "主导制定" : u < (large ? 0.25 : 0.13) ? "参与制定" : "执行";
            String product = random.pick(Vocabulary.PRODUCTS.get(population.industryCode(i)));
            int standardYear = Math.max(1985, year - random.nextInt(7));
            String adoption = "";
            String internationalReference = "";
            String number;
            double kind = random.uniform();
            if (role.equals("执行")) {
                if (kind < 0.75) {
                    boolean national = kind < 0.5;
                    number = national ? nationalNumber(random, standardYear) : industryNumber(random, standardYear);
                    double adoptionShare = (0.12 + 0.011 * (year - startYear)) / 0.75;
                    double a = random.uniform();
                    if (a < adoptionShare) {
                        adoption = random.chance(0.6) ? "IDT" : "MOD";
                        internationalReference = internationalNumber(random, standardYear - random.nextInt(3));
                        if (national && adoption.equals("IDT") && random.chance(0.3)) {
                            number = number + "/" + internationalReference;
                        }
                    }
                    else if (a < adoptionShare + 0.05) {
                        adoption = "NEQ";
                        internationalReference = internationalNumber(random, standardYear - random.nextInt(3));
                    }
                }
                else if (kind < 0.80) {
                    number = localNumber(random, standardYear);
                }
                else if (kind < 0.88) {
                    number = groupNumber(random, standardYear);
                }
                else if (kind < 0.98) {
                    number = enterpriseNumber(random, standardYear);
                }
                else {
                    number = internationalNumber(random, standardYear);
                }
            }
            else if (role.equals("主导制定")) {
                number = kind < 0.4 ? groupNumber(random, standardYear) : kind < 0.6 ? enterpriseNumber(random, standardYear)
                        : kind < 0.75 ? nationalNumber(random, standardYear) : kind < 0.9 ? industryNumber(random, standardYear) : localNumber(random, standardYear);
            }
            else {
                number = kind < 0.4 ? nationalNumber(random, standardYear) : kind < 0.7 ? industryNumber(random, standardYear)
                        : kind < 0.9 ? groupNumber(random, standardYear) : localNumber(random, standardYear);
            }
            double research = role.equals("主导制定") ? 0.25 : role.equals("参与制定") ? 0.08 : 0;
            emitter.emit(String.format("ST%08d", n), population.creditCode(i), number, role, product, adoption, internationalReference,
                    effective.toString(), random.chance(research) ? YES : NO);
        }
    }

    private static String year(int year)
    {
        return year < 2000 ? String.format("%02d", year % 100) : String.valueOf(year);
    }

    private static String nationalNumber(RandomSource random, int year)
    {
        double u = random.uniform();
        String prefix = u < 0.7 ? "GB/T" : u < 0.95 ? "GB" : "GB/Z";
        String number = String.valueOf(random.nextInt(1000, 42000));
        if (random.chance(0.3)) {
            number += "." + random.nextInt(1, 12);
        }
        return prefix + " " + number + "-" + year(year);
    }

    private static String industryNumber(RandomSource random, int year)
    {
        return random.pick(Vocabulary.INDUSTRY_STANDARD_PREFIXES) + " " + random.nextInt(100, 6000) + "-" + year(year);
    }

    private static String localNumber(RandomSource random, int year)
    {
        return (random.chance(0.85) ? "DB33/T " : "DB33/ ") + random.nextInt(100, 1400) + "-" + Math.max(year, 2000);
    }

    private static String groupNumber(RandomSource random, int year)
    {
        return "T/" + random.pick(Vocabulary.GROUP_CODES) + " " + String.format("%03d", random.nextInt(1, 400)) + "-" + Math.max(year, 2015);
    }

    private static String enterpriseNumber(RandomSource random, int year)
    {
        StringBuilder code = new StringBuilder();
        int letters = random.nextInt(2, 5);
        for (int k = 0; k < letters; k++) {
            code.append((char) ('A' + random.nextInt(26)));
        }
        return "Q/" + code + " " + String.format("%04d", random.nextInt(1, 200)) + "-" + Math.max(year, 2000);
    }

    private static String internationalNumber(RandomSource random, int year)
    {
        double u = random.uniform();
        int y = Math.max(year, 1995);
        if (u < 0.6) {
            String number = String.valueOf(random.nextInt(100, 22000));
            return "ISO " + (random.chance(0.3) ? number + "-" + random.nextInt(1, 5) : number) + ":" + y;
        }
        if (u < 0.9) {
            return "IEC " + random.nextInt(60000, 63000) + "-" + random.nextInt(1, 3) + (random.chance(0.5) ? "-" + random.nextInt(2, 90) : "") + ":" + y;
        }
        return "ISO/IEC " + random.nextInt(17000, 27100) + ":" + y;
    }

    /** The enterprises as the register exports them, with the lists that set their flags (no injected bad rows: the layout is the bureau's). */
    private void writeRegister(BureauFiles bureau)
            throws IOException
    {
        List<BureauFiles.Enterprise> enterprises = new ArrayList<>();
        for (int i = 0; i < population.count; i++) {
            enterprises.add(new BureauFiles.Enterprise(population.creditCode(i), population.name(i), population.legalRepresentative(i),
                    population.status[i] == 0 ? "存续" : population.status[i] == 1 ? "注销" : "吊销", LocalDate.ofEpochDay(population.establishedDay[i]).toString(),
                    population.countyCode(i), population.industryCode(i), population.aboveScale[i], population.highTech[i]));
        }
        bureau.register(enterprises, endYear);
    }

    private void writeInspections(RowEmitter emitter, BureauFiles bureau)
            throws IOException
    {
        // With --formats notice, licensed producers' national and provincial batches are published as notices instead.
        boolean notices = settings.formatSet().contains(OutputFormat.NOTICE);
        List<BureauFiles.Batch> national = new ArrayList<>();
        List<BureauFiles.Batch> provincial = new ArrayList<>();
        RandomSource random = new RandomSource(settings.seed(), 5);
        int target = (int) Math.round(1_000_000 * settings.scale());
        List<ProductCategory> categories = reference.categories();
        double[] categoryWeights = new double[categories.size()];
        for (int c = 0; c < categories.size(); c++) {
            categoryWeights[c] = (categories.get(c).food() ? 1.6 : 1.0) * (categories.get(c).highRisk() ? 1.4 : 1.0);
        }
        WeightedChoice categoryChoice = new WeightedChoice(categoryWeights);
        WeightedChoice yearChoice = new WeightedChoice(yearWeights(1.03));
        WeightedChoice monthChoice = new WeightedChoice(MONTH_WEIGHTS);
        Map<Integer, WeightedChoice> producerChoices = new HashMap<>();
        Map<Integer, int[]> byDivision = population.manufacturersByDivision();
        String[] planLevels = {"国抽", "省抽", "市抽", "县抽"};
        WeightedChoice planChoice = new WeightedChoice(new double[] {0.1, 0.3, 0.35, 0.25});
        double middle = (startYear + endYear) / 2.0;
        for (int n = 1; n <= target; n++) {
            ProductCategory category = categories.get(categoryChoice.next(random));
            int year = startYear + yearChoice.next(random);
            int month = 1 + monthChoice.next(random);
            LocalDate sampled = LocalDate.of(year, month, 1).plusDays(random.nextInt(LocalDate.of(year, month, 1).lengthOfMonth()));
            int planIndex = planChoice.next(random);
            boolean unlicensed = random.chance(0.035);
            int producer = -1;
            if (!unlicensed) {
                int division = Integer.parseInt(category.division());
                int[] pool = byDivision.getOrDefault(division, manufacturers);
                WeightedChoice producerChoice = producerChoices.computeIfAbsent(division, ignored -> sizeWeighted(pool));
                for (int attempt = 0; attempt < 20 && producer < 0; attempt++) {
                    int candidate = pool[producerChoice.next(random)];
                    if (population.existsIn(candidate, year)) {
                        producer = candidate;
                    }
                }
                unlicensed = producer < 0;
            }
            double base = CATEGORY_PASS_RATES.getOrDefault(category.name(), GROUP_PASS_RATES.get(category.group()));
            double logit = StrictMath.log(base / (1 - base)) + 0.35 + 0.05 * (year - middle) + (planIndex == 0 ? -0.12 : planIndex == 3 ? 0.1 : 0)
                    + (month >= 7 && month <= 9 && category.food() ? -0.2 : 0);
            if (unlicensed) {
                logit -= 1.9;
            }
            else if (population.weak[producer]) {
                logit -= 2.0;
            }
            boolean passed = random.uniform() < 1 / (1 + StrictMath.exp(-logit));
            String failedItems = "";
            if (!passed) {
                String[] items = Vocabulary.FAILED_ITEMS.get(category.group());
                int count = 1 + (random.chance(0.3) ? 1 : 0) + (random.chance(0.1) ? 1 : 0);
                List<String> chosen = new ArrayList<>();
                while (chosen.size() < count) {
                    String item = random.pick(items);
                    if (!chosen.contains(item)) {
                        chosen.add(item);
                    }
                }
                failedItems = String.join(";", chosen);
            }
            String countyCode;
            String creditCode;
            String producerName;
            if (unlicensed) {
                Division county = population.counties.get(countyByEnterprises.next(random));
                countyCode = county.code();
                creditCode = "";
                producerName = EnterprisePopulation.shortName(county.name()) + random.pick(Vocabulary.SURNAMES) + "某" + random.pick(new String[] {"作坊", "加工点", "小作坊", "家庭工场"});
            }
            else {
                countyCode = population.countyCode(producer);
                creditCode = population.creditCode(producer);
                producerName = population.name(producer);
            }
            if (notices && !unlicensed && planIndex <= 1) {
                (planIndex == 0 ? national : provincial).add(new BureauFiles.Batch(year, category.name(), producerName, countyCode, sampled.toString(), passed, failedItems));
                continue;
            }
            emitter.emit(String.format("CC%d%07d", year, n), creditCode, producerName, countyCode, category.name(), planLevels[planIndex],
                    sampled.toString(), passed ? "合格" : "不合格", failedItems);
        }
        if (notices) {
            bureau.nationalNotices(national);
            bureau.provincialNotices(provincial);
        }
    }

    private void writeCases(RowEmitter emitter)
            throws IOException
    {
        RandomSource random = new RandomSource(settings.seed(), 6);
        int target = Math.max(10, (int) Math.round(50_000 * settings.scale()));
        String[] violations = {"产品质量不合格", "标识违法", "无证生产", "制假售假", "其他"};
        WeightedChoice violationChoice = new WeightedChoice(new double[] {0.40, 0.25, 0.12, 0.10, 0.13});
        double[] unlicensedShare = {0.03, 0.03, 0.45, 0.3, 0.03};
        WeightedChoice anyManufacturer = sizeWeighted(manufacturers);
        int[] weakOnes = java.util.Arrays.stream(manufacturers).filter(i -> population.weak[i]).toArray();
        WeightedChoice yearChoice = new WeightedChoice(yearWeights(1.02));
        for (int n = 1; n <= target; n++) {
            int v = violationChoice.next(random);
            int year = startYear + yearChoice.next(random);
            LocalDate opened = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
            String creditCode = "";
            String countyCode;
            if (random.chance(unlicensedShare[v])) {
                countyCode = population.counties.get(countyByEnterprises.next(random)).code();
            }
            else {
                int party = -1;
                for (int attempt = 0; attempt < 20 && party < 0; attempt++) {
                    int candidate = weakOnes.length > 0 && random.chance(0.55) ? weakOnes[random.nextInt(weakOnes.length)] : manufacturers[anyManufacturer.next(random)];
                    if (population.existsIn(candidate, year)) {
                        party = candidate;
                    }
                }
                if (party < 0) {
                    countyCode = population.counties.get(countyByEnterprises.next(random)).code();
                }
                else {
                    creditCode = population.creditCode(party);
                    countyCode = population.countyCode(party);
                }
            }
            LocalDate closed = opened.plusDays(20 + random.nextInt(180));
            double fine = Math.round(random.logNormal(20_000, 1.0) * (v == 3 ? 3 : 1) / 100) * 100.0;
            double goods = Math.round(random.logNormal(30_000, 1.2) / 10) * 10.0;
            emitter.emit(String.format("ZJ%d%06d", year, n), creditCode, countyCode, violations[v], opened.toString(),
                    closed.isAfter(lastDay) ? "" : closed.toString(), Amounts.format(fine), Amounts.format(goods));
        }
    }

    private void writeRegionEconomy(RowEmitter emitter)
            throws IOException
    {
        RandomSource random = new RandomSource(settings.seed(), 7);
        Map<String, Double> cityPopulation = Map.ofEntries(
                Map.entry("330100", 1252.0), Map.entry("330200", 969.0), Map.entry("330300", 976.0), Map.entry("330400", 558.0),
                Map.entry("330500", 341.0), Map.entry("330600", 535.0), Map.entry("330700", 716.0), Map.entry("330800", 229.0),
                Map.entry("330900", 117.0), Map.entry("331000", 668.0), Map.entry("331100", 251.0));
        Map<String, Double> share = new HashMap<>();
        for (Division city : reference.divisions().cities()) {
            List<Division> members = reference.divisions().countiesOf(city.code());
            double total = 0;
            Map<String, Double> local = new HashMap<>();
            for (Division member : members) {
                double weight = EnterprisePopulation.kindWeight(member) * random.uniform(0.7, 1.3);
                local.put(member.code(), weight);
                total += weight;
            }
            for (Division member : members) {
                share.put(member.code(), local.get(member.code()) / total);
            }
        }
        for (Division county : population.counties) {
            Division city = reference.divisions().get(county.cityCode());
            double countyShare = share.get(county.code());
            boolean cluster = population.clusterDivisionByCounty[population.countyIndex.get(county.code())] != null;
            double intensity = 1.3 * (cluster ? 1.4 : 1.0) * random.uniform(0.6, 1.2);
            int townships = random.nextInt(6, 26);
            double coverage = random.uniform(0.25, 0.45);
            double people = cityPopulation.get(city.code()) * countyShare;
            for (int year = startYear; year <= endYear; year++) {
                double gdp = city.gdp2023() * countyShare * StrictMath.pow(1.065, year - 2023) * (1 + random.gaussian(0, 0.01));
                coverage = Math.min(1, coverage + random.uniform(0.03, 0.09));
                emitter.emit(county.code(), String.valueOf(year), Amounts.format(gdp), Amounts.format(gdp * intensity),
                        Amounts.formatOne(people * StrictMath.pow(1.008, year - 2023)), String.valueOf(townships),
                        String.valueOf((int) Math.round(townships * coverage)));
            }
        }
    }

    private WeightedChoice sizeWeighted(int[] pool)
    {
        double[] weights = new double[pool.length];
        for (int k = 0; k < pool.length; k++) {
            weights[k] = new double[] {2, 2.5, 2, 1}[population.sizeClass[pool[k]]];
        }
        return new WeightedChoice(weights);
    }

    private WeightedChoice countyChoiceByEnterprises()
    {
        double[] weights = new double[population.counties.size()];
        for (int i = 0; i < population.count; i++) {
            weights[population.county[i]]++;
        }
        for (int c = 0; c < weights.length; c++) {
            weights[c] += 1;
        }
        return new WeightedChoice(weights);
    }

    private double[] yearWeights(double growth)
    {
        double[] weights = new double[endYear - startYear + 1];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = StrictMath.pow(growth, k);
        }
        return weights;
    }
}
