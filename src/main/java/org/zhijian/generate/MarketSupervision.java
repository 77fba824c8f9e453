package org.zhijian.generate;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.zhijian.reference.EquipmentType;
import org.zhijian.reference.LicenceProduct;
import org.zhijian.reference.ProductCategory;
import org.zhijian.reference.ReferenceData;

import static java.util.Objects.requireNonNull;

/**
 * Sample data for the rest of the bureau's work (DOMAIN.md "Special equipment", "Production
 * licences and recalls"): the equipment register with its inspection reports and accidents,
 * production licences, and recalls. Each writer has a random stream of its own, so the other
 * datasets are the same with or without these.
 *
 * <p>Scale: 100,000 units at scale 1 (about one in fifteen of Zhejiang's 1.55 million), types
 * by their share of the catalogue; a periodic inspection at each unit's interval, 96% on time, 3%
 * late and 1% not done (the unit stays overdue); an accident a year per 20,000 units (about four
 * times the real rate, so that a sample has some); a licence for most enterprises making a
 * licensed product (less often for the weak ones), renewed every five years; about 30 recalls a
 * year at scale 1.
 */
final class MarketSupervision
{
    /** One row of a dataset, in its column order. */
    interface Rows
    {
        void emit(String... values)
                throws IOException;
    }

    /** The defects a recall of a product group names. */
    private static final Map<String, List<String>> DEFECTS = Map.of(
            "电子电器", List.of("绝缘不良存在触电风险", "过热存在起火风险", "电池鼓包存在起火风险"),
            "电工及材料产品", List.of("绝缘不良存在触电风险", "过热存在起火风险"),
            "机械及安防产品", List.of("结构强度不足存在断裂风险", "制动失效存在伤害风险"),
            "轻工产品", List.of("小零件易脱落存在吞咽风险", "结构强度不足存在断裂风险", "化学物质超标存在健康风险"),
            "日用及纺织品", List.of("绳带过长存在勒伤风险", "化学物质超标存在健康风险", "小零件易脱落存在吞咽风险"));
    private static final List<String> OTHER_DEFECTS = List.of("结构强度不足存在断裂风险", "标识不全存在误用风险");

    private final ReferenceData reference;
    private final EnterprisePopulation population;
    private final long seed;
    private final double scale;
    private final int startYear;
    private final LocalDate lastDay;
    /** Every unit written, for the inspections and accidents. */
    private final List<Unit> units = new ArrayList<>();

    private record Unit(String code, int type, int enterprise, LocalDate registered, String status, LocalDate statusOn, List<Report> reports, LocalDate nextDue) {}

    private record Report(LocalDate on, String kind, String conclusion, LocalDate nextDue) {}

    MarketSupervision(ReferenceData reference, EnterprisePopulation population, long seed, double scale, int startYear, int endYear)
    {
        this.reference = requireNonNull(reference, "reference is null");
        this.population = requireNonNull(population, "population is null");
        this.seed = seed;
        this.scale = scale;
        this.startYear = startYear;
        this.lastDay = LocalDate.of(endYear, 12, 31);
    }

    /** The register; it decides every unit's reports, which {@link #writeInspections} then writes. */
    void writeEquipment(Rows rows)
            throws IOException
    {
        RandomSource random = new RandomSource(seed, 20);
        List<EquipmentType> types = reference.equipmentTypes();
        WeightedChoice typeChoice = new WeightedChoice(types.stream().mapToDouble(EquipmentType::share).toArray());
        // Units are registered from three years before the data begin, about 8% more each year.
        int firstYear = startYear - 3;
        double[] yearWeights = new double[lastDay.getYear() - firstYear + 1];
        for (int k = 0; k < yearWeights.length; k++) {
            yearWeights[k] = StrictMath.pow(1.08, k);
        }
        WeightedChoice yearChoice = new WeightedChoice(yearWeights);
        int target = Math.max(50, (int) Math.round(100_000 * scale));
        for (int n = 1; n <= target; n++) {
            int type = typeChoice.next(random);
            int year = firstYear + yearChoice.next(random);
            int enterprise = -1;
            for (int attempt = 0; attempt < 30 && enterprise < 0; attempt++) {
                int candidate = random.nextInt(population.count);
                if (population.existsIn(candidate, Math.max(year, LocalDate.ofEpochDay(population.establishedDay[candidate]).getYear()))) {
                    enterprise = candidate;
                }
            }
            if (enterprise < 0) {
                continue;
            }
            LocalDate earliest = LocalDate.of(year, 1, 1);
            LocalDate established = LocalDate.ofEpochDay(population.establishedDay[enterprise]);
            LocalDate registered = (established.isAfter(earliest) ? established : earliest).plusDays(random.nextInt(360));
            if (registered.isAfter(lastDay)) {
                continue;
            }
            // Coal boilers are being retired; other units now and then.
            String name = types.get(type).name();
            double retire = name.equals("锅炉") ? 0.55 : 0.04;
            String status = "在用";
            LocalDate statusOn = null;
            if (random.chance(retire)) {
                LocalDate on = registered.plusDays(365 + random.nextInt(3650));
                if (!on.isAfter(lastDay)) {
                    status = random.chance(0.8) ? "注销" : "停用";
                    statusOn = on;
                }
            }
            String county = population.countyCode(enterprise);
            Unit unit = schedule(String.format("%d%s%02d%07d", type + 1, county, registered.getYear() % 100, n), type, enterprise, registered, status, statusOn, random);
            units.add(unit);
            // 使用登记证编号: the type's character, the county and a serial, e.g. 梯3301020001234(18).
            rows.emit(unit.code(), String.format("%c%s%07d(%02d)", "锅容管梯起索游车".charAt(type % 8), county, n, registered.getYear() % 100), name, population.creditCode(enterprise),
                    population.countyCode(enterprise), registered.toString(), status, statusOn == null ? "" : statusOn.toString(), unit.nextDue().toString());
        }
    }

    /** A unit's reports: the installation (监督) or first (首次) inspection, then periodic ones at its type's interval. */
    private Unit schedule(String code, int type, int enterprise, LocalDate registered, String status, LocalDate statusOn, RandomSource random)
    {
        int interval = reference.equipmentTypes().get(type).intervalYears();
        boolean weak = population.weak[enterprise];
        List<Report> reports = new ArrayList<>();
        String first = List.of("电梯", "锅炉", "起重机械", "客运索道", "大型游乐设施").contains(reference.equipmentTypes().get(type).name()) ? "监督" : "首次";
        LocalDate due = registered.plusYears(interval);
        reports.add(new Report(registered, first, "符合要求", due));
        LocalDate end = statusOn == null ? lastDay : statusOn;
        while (!due.isAfter(end)) {
            double u = random.uniform();
            if (u < 0.01) {
                break; // not inspected: overdue from here on
            }
            LocalDate on = u < 0.04 ? due.plusDays(10 + random.nextInt(110)) : due.minusDays(random.nextInt(45));
            if (on.isAfter(lastDay)) {
                break;
            }
            boolean failed = random.chance(weak ? 0.06 : 0.02);
            boolean minor = !failed && random.chance(0.06);
            if (failed) {
                // A unit that fails is stopped; re-inspected within two months, it sets the next due date.
                reports.add(new Report(on, "定期", "不符合要求", null));
                on = on.plusDays(15 + random.nextInt(45));
                if (on.isAfter(lastDay)) {
                    due = null;
                    break;
                }
            }
            due = on.plusYears(interval);
            reports.add(new Report(on, "定期", minor ? "基本符合要求" : "符合要求", due));
        }
        LocalDate nextDue = due != null ? due : reports.get(reports.size() - 1).on().plusYears(interval);
        return new Unit(code, type, enterprise, registered, status, statusOn, reports, nextDue);
    }

    void writeInspections(Rows rows)
            throws IOException
    {
        int n = 0;
        for (Unit unit : units) {
            for (Report report : unit.reports()) {
                n++;
                rows.emit(String.format("TJ%d%07d", report.on().getYear(), n), unit.code(), report.on().toString(), report.kind(), report.conclusion(),
                        report.nextDue() == null ? "" : report.nextDue().toString());
            }
        }
    }

    void writeAccidents(Rows rows)
            throws IOException
    {
        RandomSource random = new RandomSource(seed, 21);
        int n = 0;
        for (int year = startYear; year <= lastDay.getYear(); year++) {
            int finalYear = year;
            List<Unit> inUse = units.stream().filter(unit -> unit.registered().getYear() <= finalYear && (unit.statusOn() == null || unit.statusOn().getYear() > finalYear)).toList();
            if (inUse.isEmpty()) {
                continue;
            }
            int accidents = random.poisson(Math.max(1.0, inUse.size() / 20_000.0));
            for (int k = 0; k < accidents; k++) {
                Unit unit = inUse.get(random.nextInt(inUse.size()));
                LocalDate on = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
                int deaths = random.chance(0.45) ? 1 + (random.chance(0.15) ? 1 : 0) : 0;
                int injuries = random.poisson(0.9) + (deaths == 0 ? 1 : 0);
                double loss = Math.round(random.logNormal(15, 1.1) * 10) / 10.0;
                n++;
                // Now and then the record gives the type only, not the unit.
                rows.emit(String.format("SG%d%04d", year, n), on.toString(), random.chance(0.8) ? unit.code() : "", reference.equipmentTypes().get(unit.type()).name(),
                        population.countyCode(unit.enterprise()), String.valueOf(deaths), String.valueOf(injuries), Amounts.format(loss));
            }
        }
    }

    void writeLicences(Rows rows)
            throws IOException
    {
        RandomSource random = new RandomSource(seed, 22);
        Map<Integer, List<Integer>> productsByDivision = new HashMap<>();
        List<LicenceProduct> products = reference.licenceProducts();
        for (int p = 0; p < products.size(); p++) {
            for (String category : products.get(p).categories()) {
                int division = Integer.parseInt(reference.category(category).map(ProductCategory::division).orElseThrow());
                List<Integer> listed = productsByDivision.computeIfAbsent(division, ignored -> new ArrayList<>());
                if (!listed.contains(p)) {
                    listed.add(p);
                }
            }
        }
        int n = 0;
        for (int i = 0; i < population.count; i++) {
            List<Integer> candidates = population.isManufacturing(i) ? productsByDivision.get((int) population.division[i]) : null;
            if (candidates == null || !random.chance(population.weak[i] ? 0.35 : 0.8)) {
                continue;
            }
            int product = candidates.get(random.nextInt(candidates.size()));
            LocalDate established = LocalDate.ofEpochDay(population.establishedDay[i]);
            LocalDate issued = established.isAfter(LocalDate.of(startYear - 4, 1, 1)) ? established.plusDays(30 + random.nextInt(300))
                    : LocalDate.of(startYear - 4, 1, 1).plusDays(random.nextInt(1800));
            int serial = ++n;
            while (!issued.isAfter(lastDay)) {
                LocalDate until = issued.plusYears(5).minusDays(1);
                String status = "有效";
                LocalDate statusOn = null;
                double u = random.uniform();
                if (u < 0.015 || (population.weak[i] && u < 0.05)) {
                    status = "吊销";
                }
                else if (u < 0.05) {
                    status = random.chance(0.3) ? "暂停" : "注销";
                }
                if (!status.equals("有效")) {
                    statusOn = issued.plusDays(90 + random.nextInt(1500));
                    if (statusOn.isAfter(lastDay) || statusOn.isAfter(until)) {
                        status = "有效";
                        statusOn = null;
                    }
                }
                rows.emit(String.format("(浙)XK%02d-%03d-%05d", 10 + product, issued.getYear() % 1000, serial), population.creditCode(i), products.get(product).name(),
                        issued.toString(), until.toString(), status, statusOn == null ? "" : statusOn.toString());
                // A revoked or cancelled licence is not renewed; a valid one is, on its last day.
                if (!status.equals("有效") || !random.chance(0.85)) {
                    break;
                }
                issued = until.plusDays(1);
                serial = ++n;
            }
        }
    }

    void writeRecalls(Rows rows)
            throws IOException
    {
        RandomSource random = new RandomSource(seed, 23);
        List<ProductCategory> consumer = reference.categories().stream().filter(category -> !category.food() && !category.group().equals("农业生产资料")
                && !category.group().equals("建筑和装饰装修材料")).toList();
        Map<String, List<Integer>> makers = new HashMap<>();
        for (int i = 0; i < population.count; i++) {
            if (population.isManufacturing(i)) {
                makers.computeIfAbsent(String.format("%02d", population.division[i]), ignored -> new ArrayList<>()).add(i);
            }
        }
        List<ProductCategory> made = consumer.stream().filter(category -> makers.containsKey(category.division())).toList();
        if (made.isEmpty()) {
            return;
        }
        int n = 0;
        for (int year = startYear; year <= lastDay.getYear(); year++) {
            int recalls = random.poisson(Math.max(1.5, 30 * scale));
            for (int k = 0; k < recalls; k++) {
                ProductCategory category = made.get(random.nextInt(made.size()));
                List<Integer> pool = makers.get(category.division());
                int maker = -1;
                for (int attempt = 0; attempt < 20 && maker < 0; attempt++) {
                    int candidate = pool.get(random.nextInt(pool.size()));
                    maker = population.existsIn(candidate, year) ? candidate : -1;
                }
                if (maker < 0) {
                    continue;
                }
                List<String> defects = DEFECTS.getOrDefault(category.group(), OTHER_DEFECTS);
                n++;
                LocalDate on = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
                rows.emit(String.format("ZH%d%04d", year, n), population.creditCode(maker), category.name() + String.format("（型号%c%03d）", 'A' + random.nextInt(20), random.nextInt(1000)),
                        category.name(), String.valueOf(Math.max(1, Math.round(random.logNormal(1500, 1.3)))), on.toString(), random.chance(0.85) ? "主动召回" : "责令召回",
                        defects.get(random.nextInt(defects.size())));
            }
        }
    }
}
