package org.zhijian.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.zhijian.reference.CreditCode;
import org.zhijian.reference.Division;
import org.zhijian.reference.IndustryCluster;
import org.zhijian.reference.ReferenceData;

/**
 * The province's enterprises held as compact arrays, so that every dataset can refer to them
 * consistently (scale 10 is three million enterprises). Names, people and phones are derived
 * from the index on demand and never stored.
 */
final class EnterprisePopulation
{
    static final int LARGE = 0;
    static final int MEDIUM = 1;
    static final int SMALL = 2;
    static final int MICRO = 3;
    static final String[] SIZE_NAMES = {"大型", "中型", "小型", "微型"};

    // Manufacturing divisions with their rough weight in Zhejiang's manufacturing population.
    private static final int[] DIVISIONS = {13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43};
    private static final double[] DIVISION_WEIGHTS = {2, 2, 1.2, 0.05, 8, 6, 4, 2, 3, 2, 2, 4, 0.3, 6, 2, 2, 7, 4, 1, 2, 8, 9, 5, 5, 2, 9, 4, 2, 1, 0.5, 0.3};
    // Non-manufacturing sections and their share among non-manufacturing enterprises.
    private static final String[] SECTIONS = {"A", "B", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S"};
    private static final double[] SECTION_WEIGHTS = {2.5, 0.5, 0.8, 9, 42, 6, 6, 7, 1, 3, 11, 7, 1, 2, 0.7, 0.5, 1, 0.2};
    private static final int[] DISTRICT_CORES = {330102, 330105, 330106, 330108, 330203, 330205};
    private static final String HISTORICAL_CUTOFF = "2017-01-01";

    private final ReferenceData reference;
    private final long seed;
    private final int startYear;
    private final int endYear;
    final int count;
    final List<Division> counties;
    final Map<String, Integer> countyIndex = new HashMap<>();
    final String[] clusterDivisionByCounty;

    final short[] county;
    /** Manufacturing division number, or 0 for a non-manufacturing enterprise. */
    final byte[] division;
    final byte[] section;
    final byte[] sizeClass;
    final boolean[] aboveScale;
    final boolean[] highTech;
    final boolean[] weak;
    final int[] establishedDay;
    /** The year registration ended (注销 or 吊销), or 0 while the enterprise exists. */
    final short[] closedYear;
    final byte[] status;
    final float[] salesAtEnd;
    final float[] growth;
    private final Map<String, String> historicalCodeOf = new HashMap<>();

    EnterprisePopulation(ReferenceData reference, long seed, double scale, int startYear, int endYear)
    {
        this.reference = reference;
        this.seed = seed;
        this.startYear = startYear;
        this.endYear = endYear;
        this.count = Math.max(50, (int) Math.round(300_000 * scale));
        this.counties = reference.divisions().counties();
        for (int i = 0; i < counties.size(); i++) {
            countyIndex.put(counties.get(i).code(), i);
        }
        reference.divisions().historicalCodes().forEach((old, current) -> historicalCodeOf.putIfAbsent(current, old));
        clusterDivisionByCounty = new String[counties.size()];
        for (IndustryCluster cluster : reference.clusters()) {
            clusterDivisionByCounty[countyIndex.get(cluster.countyCode())] = cluster.division();
        }

        county = new short[count];
        division = new byte[count];
        section = new byte[count];
        sizeClass = new byte[count];
        aboveScale = new boolean[count];
        highTech = new boolean[count];
        weak = new boolean[count];
        establishedDay = new int[count];
        closedYear = new short[count];
        status = new byte[count];
        salesAtEnd = new float[count];
        growth = new float[count];
        populate();
    }

    private void populate()
    {
        RandomSource random = new RandomSource(seed, 1);
        WeightedChoice countyChoice = new WeightedChoice(countyWeights());
        WeightedChoice divisionChoice = new WeightedChoice(DIVISION_WEIGHTS);
        WeightedChoice sectionChoice = new WeightedChoice(SECTION_WEIGHTS);
        long firstDay = LocalDate.of(1990, 1, 1).toEpochDay();
        long windowStart = LocalDate.of(startYear, 1, 1).toEpochDay();
        long windowEnd = LocalDate.of(endYear, 12, 31).toEpochDay();
        for (int i = 0; i < count; i++) {
            int c = countyChoice.next(random);
            county[i] = (short) c;
            boolean manufacturing = random.chance(manufacturingShare(c));
            if (manufacturing) {
                String cluster = clusterDivisionByCounty[c];
                division[i] = (byte) (cluster != null && random.chance(0.35) ? Integer.parseInt(cluster) : DIVISIONS[divisionChoice.next(random)]);
                section[i] = 'C';
            }
            else {
                section[i] = (byte) SECTIONS[sectionChoice.next(random)].charAt(0);
            }
            double u = random.uniform();
            int size;
            if (manufacturing) {
                size = u < 0.012 ? LARGE : u < 0.082 ? MEDIUM : u < 0.53 ? SMALL : MICRO;
            }
            else {
                size = u < 0.003 ? LARGE : u < 0.033 ? MEDIUM : u < 0.33 ? SMALL : MICRO;
            }
            sizeClass[i] = (byte) size;
            boolean industrial = isIndustrial(i);
            aboveScale[i] = industrial && (size == LARGE || size == MEDIUM || (size == SMALL && random.chance(0.72)));
            double techShare = manufacturing ? 0.07 : 0.02;
            if (manufacturing && (division[i] == 27 || (division[i] >= 34 && division[i] <= 40))) {
                techShare *= 2.2;
            }
            if (size == LARGE) {
                techShare *= 3;
            }
            else if (size == MEDIUM) {
                techShare *= 1.8;
            }
            highTech[i] = random.chance(Math.min(0.8, techShare));
            boolean older = size == LARGE ? random.chance(0.95) : random.chance(0.7);
            long day = older ? firstDay + random.nextInt((int) (windowStart - firstDay)) : windowStart + random.nextInt((int) (windowEnd - windowStart + 1));
            establishedDay[i] = (int) day;
            int establishedYear = LocalDate.ofEpochDay(day).getYear();
            double s = random.uniform();
            int statusIndex = size == LARGE ? 0 : s < 0.88 ? 0 : s < 0.96 ? 1 : 2;
            if (statusIndex != 0) {
                int from = Math.max(establishedYear + 1, startYear);
                if (from > endYear) {
                    statusIndex = 0;
                }
                else {
                    closedYear[i] = (short) random.nextInt(from, endYear + 1);
                }
            }
            status[i] = (byte) statusIndex;
            weak[i] = manufacturing && random.chance(size == LARGE ? 0.01 : size == MEDIUM ? 0.03 : 0.08);
            salesAtEnd[i] = (float) salesFor(size, aboveScale[i], random);
            growth[i] = (float) random.gaussian(0.065, 0.04);
        }
    }

    private static double salesFor(int size, boolean aboveScale, RandomSource random)
    {
        return switch (size) {
            case LARGE -> random.logNormal(120_000, 0.9);
            case MEDIUM -> random.logNormal(12_000, 0.5);
            case SMALL -> aboveScale ? 2_000 + random.logNormal(1_500, 0.8) : Math.min(1_990, random.logNormal(900, 0.5));
            default -> Math.min(1_990, random.logNormal(150, 0.8));
        };
    }

    private double[] countyWeights()
    {
        double[] weights = new double[counties.size()];
        for (Division city : reference.divisions().cities()) {
            List<Division> members = reference.divisions().countiesOf(city.code());
            double[] local = new double[members.size()];
            double total = 0;
            for (int i = 0; i < members.size(); i++) {
                Division member = members.get(i);
                double weight = kindWeight(member);
                if (clusterDivisionByCounty[countyIndex.get(member.code())] != null) {
                    weight += 0.4;
                }
                local[i] = weight;
                total += weight;
            }
            for (int i = 0; i < members.size(); i++) {
                weights[countyIndex.get(members.get(i).code())] = city.gdp2023() * local[i] / total;
            }
        }
        return weights;
    }

    /** Districts and county-level cities are denser in enterprises and people than counties. */
    static double kindWeight(Division county)
    {
        return switch (county.countyKind()) {
            case '区' -> 1.2;
            case '市' -> 1.1;
            default -> 0.7;
        };
    }

    private double manufacturingShare(int countyIndexValue)
    {
        int code = Integer.parseInt(counties.get(countyIndexValue).code());
        for (int core : DISTRICT_CORES) {
            if (core == code) {
                return 0.12;
            }
        }
        return clusterDivisionByCounty[countyIndexValue] != null ? 0.45 : 0.33;
    }

    int startYear()
    {
        return startYear;
    }

    int endYear()
    {
        return endYear;
    }

    boolean isManufacturing(int i)
    {
        return division[i] != 0;
    }

    boolean isIndustrial(int i)
    {
        return section[i] == 'C' || section[i] == 'B' || section[i] == 'D';
    }

    /** Industrial enterprises from small size up report finance rows every year they exist. */
    boolean filesFinance(int i)
    {
        return isIndustrial(i) && sizeClass[i] <= SMALL;
    }

    boolean existsIn(int i, int year)
    {
        int established = LocalDate.ofEpochDay(establishedDay[i]).getYear();
        return established <= year && (closedYear[i] == 0 || year < closedYear[i]);
    }

    String countyCode(int i)
    {
        return counties.get(county[i]).code();
    }

    String industryCode(int i)
    {
        return isManufacturing(i) ? String.format("%02d", division[i]) : String.valueOf((char) section[i]);
    }

    String divisionKey(int i)
    {
        return isManufacturing(i) ? String.format("%02d", division[i]) : String.valueOf((char) section[i]);
    }

    /** The county code the registration carries: a historical code for some older enterprises. */
    String registeredCountyCode(int i)
    {
        String current = countyCode(i);
        String old = historicalCodeOf.get(current);
        if (old != null && LocalDate.ofEpochDay(establishedDay[i]).isBefore(LocalDate.parse(HISTORICAL_CUTOFF))
                && Math.floorMod(RandomSource.mix(seed ^ i), 3) == 0) {
            return old;
        }
        return current;
    }

    String creditCode(int i)
    {
        return creditCode(i, registeredCountyCode(i), LocalDate.ofEpochDay(establishedDay[i]).getYear() >= 2016);
    }

    /** A valid code for an index past the population: it matches no enterprise. */
    String unknownCreditCode(int k)
    {
        return creditCode(count + 1 + k, countyCode(Math.floorMod(k, count)), true);
    }

    private String creditCode(int i, String divisionCode, boolean newStyle)
    {
        String body;
        if (newStyle) {
            // Codes issued since 2015 carry MA plus six characters.
            long value = Math.floorMod(i * 48_271L + RandomSource.mix(seed + 1), 887_503_681L);
            StringBuilder builder = new StringBuilder("MA");
            for (int k = 0; k < 6; k++) {
                builder.append(CreditCode.ALPHABET.charAt((int) (value % 31)));
                value /= 31;
            }
            body = builder.toString();
        }
        else {
            long value = Math.floorMod(i * 7_919_001L + RandomSource.mix(seed), 100_000_000L);
            body = String.format("%08d", value);
        }
        return CreditCode.forEnterprise(divisionCode, body);
    }

    String name(int i)
    {
        RandomSource random = new RandomSource(seed, 1_000_000_000L + i);
        String countyName = shortName(counties.get(county[i]).name());
        String trade = random.pick(Vocabulary.TRADE_CHARACTERS) + random.pick(Vocabulary.TRADE_CHARACTERS);
        String word = random.pick(Vocabulary.INDUSTRY_WORDS.get(divisionKey(i)));
        String form = sizeClass[i] == LARGE && random.chance(0.5) ? "股份有限公司" : "有限公司";
        return countyName + trade + word + form;
    }

    String tradeName(int i)
    {
        String name = name(i);
        String countyName = shortName(counties.get(county[i]).name());
        return name.substring(countyName.length(), countyName.length() + 2);
    }

    String legalRepresentative(int i)
    {
        RandomSource random = new RandomSource(seed, 2_000_000_000L + i);
        String name = random.pick(Vocabulary.SURNAMES) + random.pick(Vocabulary.GIVEN_CHARACTERS);
        return random.chance(0.6) ? name + random.pick(Vocabulary.GIVEN_CHARACTERS) : name;
    }

    String phone(int i)
    {
        RandomSource random = new RandomSource(seed, 3_000_000_000L + i);
        if (random.chance(0.7)) {
            String[] prefixes = {"133", "135", "137", "138", "139", "150", "152", "158", "159", "180", "186", "188", "189", "199"};
            return random.pick(prefixes) + String.format("%08d", random.nextInt(100_000_000));
        }
        return "0571-" + String.format("%08d", 80_000_000 + random.nextInt(10_000_000));
    }

    static String shortName(String countyName)
    {
        if (countyName.endsWith("畲族自治县")) {
            return countyName.substring(0, countyName.length() - 5);
        }
        return countyName.length() > 2 ? countyName.substring(0, countyName.length() - 1) : countyName;
    }

    /** Indices of manufacturing enterprises, grouped by division number. */
    Map<Integer, int[]> manufacturersByDivision()
    {
        Map<Integer, List<Integer>> lists = new HashMap<>();
        for (int i = 0; i < count; i++) {
            if (isManufacturing(i)) {
                lists.computeIfAbsent((int) division[i], ignored -> new ArrayList<>()).add(i);
            }
        }
        Map<Integer, int[]> result = new HashMap<>();
        lists.forEach((key, list) -> result.put(key, list.stream().mapToInt(Integer::intValue).toArray()));
        return result;
    }
}
