package org.zhijian.indicators.credit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The red list (守信激励) and black list (失信惩戒) of each year, with their changes against the
 * year before, from enterprises' ratings, failed batches and cases, as conf/credit_lists.yaml
 * rules. Plain computation: every listed, kept or removed enterprise carries the rule that put
 * it there or took it off, in Chinese and English.
 */
public final class CreditLists
{
    public static final String RED = "red";
    public static final String BLACK = "black";

    /** How an enterprise's place on a list changed against the year before. */
    public enum Change
    {
        ADDED, KEPT, REMOVED;

        public String id()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One year's rating of an enterprise. */
    public record Rating(String creditCode, String name, String countyCode, String cityCode, int year, String grade) {}

    /** What an event is; a graded year is made here from the ratings, for the black list's entries. */
    public enum Kind { FAILED_BATCH, CASE, GRADE }

    /** A failed batch (detail: the category; id: the batch) or a case (detail: the violation; id: the case) of an enterprise. */
    public record Event(String creditCode, LocalDate date, Kind kind, String detail, String id) {}

    /** An enterprise's place on a list in a year. {@code grade} is its grade of that year, null when it was not rated. */
    public record Entry(int year, String list, Change change, String creditCode, String name, String countyCode, String cityCode, String grade,
            String reasonZh, String reasonEn) {}

    private record Reason(String zh, String en) {}

    private final CreditListSettings settings;

    public CreditLists(CreditListSettings settings)
    {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** The lists of {@code firstYear}…{@code lastYear}; earlier ratings and events serve as history. */
    public List<Entry> evaluate(List<Rating> ratings, List<Event> events, int firstYear, int lastYear)
    {
        Map<String, TreeMap<Integer, Rating>> byCode = new HashMap<>();
        ratings.forEach(rating -> byCode.computeIfAbsent(rating.creditCode(), ignored -> new TreeMap<>()).put(rating.year(), rating));
        Map<String, List<Event>> eventsByCode = new HashMap<>();
        events.stream().sorted(Comparator.comparing(Event::date).thenComparing(Event::id))
                .forEach(event -> eventsByCode.computeIfAbsent(event.creditCode(), ignored -> new ArrayList<>()).add(event));
        java.util.Set<String> codes = new java.util.TreeSet<>(byCode.keySet());
        codes.addAll(eventsByCode.keySet());
        List<Entry> entries = new ArrayList<>();
        Map<String, Map<String, Reason>> before = lists(codes, byCode, eventsByCode, firstYear - 1);
        for (int year = firstYear; year <= lastYear; year++) {
            Map<String, Map<String, Reason>> now = lists(codes, byCode, eventsByCode, year);
            for (String list : List.of(RED, BLACK)) {
                for (Map.Entry<String, Reason> listed : now.get(list).entrySet()) {
                    Change change = before.get(list).containsKey(listed.getKey()) ? Change.KEPT : Change.ADDED;
                    entries.add(entry(year, list, change, listed.getKey(), byCode, listed.getValue()));
                }
                for (String code : before.get(list).keySet()) {
                    if (!now.get(list).containsKey(code)) {
                        Reason why = list.equals(RED) ? redRemoval(code, byCode, eventsByCode, year, now.get(BLACK).containsKey(code)) : blackRemoval(code, eventsByCode, byCode, year);
                        entries.add(entry(year, list, Change.REMOVED, code, byCode, why));
                    }
                }
            }
            before = now;
        }
        entries.sort(Comparator.comparingInt(Entry::year).thenComparing(Entry::list).thenComparing(Entry::change)
                .thenComparing(entry -> entry.cityCode() == null ? "" : entry.cityCode()).thenComparing(Entry::creditCode));
        return entries;
    }

    /** The red and black lists of one year: enterprise → the reason it is listed. Black wins over red. */
    private Map<String, Map<String, Reason>> lists(java.util.Set<String> codes, Map<String, TreeMap<Integer, Rating>> ratings, Map<String, List<Event>> events, int year)
    {
        Map<String, Reason> red = new LinkedHashMap<>();
        Map<String, Reason> black = new LinkedHashMap<>();
        for (String code : codes) {
            TreeMap<Integer, Rating> history = ratings.getOrDefault(code, new TreeMap<>());
            List<Event> own = events.getOrDefault(code, List.of());
            blackReason(history, own, year).ifPresentOrElse(reason -> black.put(code, reason),
                    () -> redReason(history, own, year).ifPresent(reason -> red.put(code, reason)));
        }
        return Map.of(RED, red, BLACK, black);
    }

    private Optional<Reason> redReason(TreeMap<Integer, Rating> history, List<Event> events, int year)
    {
        CreditListSettings.Red red = settings.red();
        int from = year - red.years() + 1;
        for (int y = from; y <= year; y++) {
            Rating rating = history.get(y);
            if (rating == null || !red.grade().equals(rating.grade())) {
                return Optional.empty();
            }
        }
        LocalDate start = LocalDate.of(from, 1, 1);
        LocalDate end = LocalDate.of(year, 12, 31);
        if (events.stream().anyMatch(event -> !event.date().isBefore(start) && !event.date().isAfter(end))) {
            return Optional.empty();
        }
        String years = from == year ? String.valueOf(year) : from + "–" + year;
        return Optional.of(new Reason(
                years + " 年" + (red.years() > 1 ? "连续 " + red.years() + " 年" : "") + "信用等级 " + red.grade() + "，其间无抽查不合格、无质量违法案件",
                "grade " + red.grade() + " in " + (red.years() > 1 ? "each of " : "") + years + ", with no failed batch and no case"));
    }

    /** The entry events of the black list up to the year's end, with their dates: graded years and cases of the listed violations. */
    private List<Event> blackEvents(TreeMap<Integer, Rating> history, List<Event> events, int year)
    {
        CreditListSettings.Black black = settings.black();
        List<Event> entries = new ArrayList<>();
        history.headMap(year, true).values().stream().filter(rating -> black.grades().contains(rating.grade()))
                .forEach(rating -> entries.add(new Event(rating.creditCode(), LocalDate.of(rating.year(), 12, 31), Kind.GRADE, rating.grade(), String.valueOf(rating.year()))));
        LocalDate end = LocalDate.of(year, 12, 31);
        events.stream().filter(event -> event.kind() == Kind.CASE && black.violations().contains(event.detail()) && !event.date().isAfter(end)).forEach(entries::add);
        entries.sort(Comparator.comparing(Event::date).thenComparing(Event::id));
        return entries;
    }

    private Optional<Reason> blackReason(TreeMap<Integer, Rating> history, List<Event> events, int year)
    {
        LocalDate since = LocalDate.of(year, 12, 31).minusMonths(settings.black().exitAfterMonths());
        List<Event> inWindow = blackEvents(history, events, year).stream().filter(event -> event.date().isAfter(since)).toList();
        if (inWindow.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Reason(inWindow.stream().map(CreditLists::zh).collect(Collectors.joining("；")),
                inWindow.stream().map(CreditLists::en).collect(Collectors.joining("; "))));
    }

    private Reason blackRemoval(String code, Map<String, List<Event>> events, Map<String, TreeMap<Integer, Rating>> ratings, int year)
    {
        List<Event> entries = blackEvents(ratings.getOrDefault(code, new TreeMap<>()), events.getOrDefault(code, List.of()), year);
        Event latest = entries.get(entries.size() - 1);
        int months = settings.black().exitAfterMonths();
        return new Reason("最近一次失信记录（" + zh(latest) + "）已满 " + months + " 个月",
                months + " months have passed since its latest entry (" + en(latest) + ")");
    }

    private Reason redRemoval(String code, Map<String, TreeMap<Integer, Rating>> ratings, Map<String, List<Event>> events, int year, boolean black)
    {
        if (black) {
            return new Reason("列入失信惩戒名单", "put on the black list");
        }
        Rating rating = ratings.getOrDefault(code, new TreeMap<>()).get(year);
        if (rating == null) {
            return new Reason(year + " 年未参加信用评级", "not rated in " + year);
        }
        if (!settings.red().grade().equals(rating.grade())) {
            return new Reason(year + " 年信用等级 " + rating.grade(), "graded " + rating.grade() + " in " + year);
        }
        // Graded right every year, so something happened in the year: its failed batches and cases.
        List<Event> inYear = events.getOrDefault(code, List.of()).stream().filter(event -> event.date().getYear() == year).toList();
        return new Reason(inYear.stream().map(CreditLists::zh).collect(Collectors.joining("；")), inYear.stream().map(CreditLists::en).collect(Collectors.joining("; ")));
    }

    private static String zh(Event event)
    {
        return switch (event.kind()) {
            case GRADE -> event.id() + " 年信用等级 " + event.detail();
            case CASE -> event.date() + " " + event.detail() + "案件 " + event.id();
            case FAILED_BATCH -> event.date() + " 抽查不合格（" + event.detail() + " " + event.id() + "）";
        };
    }

    private static String en(Event event)
    {
        return switch (event.kind()) {
            case GRADE -> "graded " + event.detail() + " in " + event.id();
            case CASE -> event.detail() + " case " + event.id() + " opened " + event.date();
            case FAILED_BATCH -> "failed batch " + event.id() + " (" + event.detail() + ") sampled " + event.date();
        };
    }

    private static Entry entry(int year, String list, Change change, String code, Map<String, TreeMap<Integer, Rating>> ratings, Reason reason)
    {
        TreeMap<Integer, Rating> history = ratings.getOrDefault(code, new TreeMap<>());
        // Name and place from the year's rating, else the latest before it, else any.
        Map.Entry<Integer, Rating> latest = Optional.ofNullable(history.floorEntry(year)).orElse(history.lastEntry());
        Rating rating = latest == null ? null : latest.getValue();
        Rating ofYear = history.get(year);
        return new Entry(year, list, change, code, rating == null ? code : rating.name(), rating == null ? null : rating.countyCode(), rating == null ? null : rating.cityCode(),
                ofYear == null ? null : ofYear.grade(), reason.zh(), reason.en());
    }
}
