package org.zhijian.ingest;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.zhijian.reference.AddressResolver;
import org.zhijian.reference.Similarity;

import static java.util.Objects.requireNonNull;

/**
 * Resolves a producer written as a name and an address (a published notice) against the
 * enterprise register (PRODUCT.md §11): an operator's mapping first, then the exact name, then
 * the normalised name — width, brackets, spaces, 有限责任公司 = 有限公司 — over today's and former
 * names (曾用名). A registered branch (分公司, a register row with a parent) resolves to its parent,
 * in the branch's county; a branch the register does not hold is not guessed. Several
 * enterprises under one name are told apart by the address's county, else the producer is
 * ambiguous. A producer the register does not hold is placed by its address: outside the
 * province, in a county ({@code address}: county known, code not), or unmatched. Pure and
 * serializable: Spark ships it to the tasks that read notices.
 */
public final class ProducerResolver
        implements Serializable
{
    private static final long serialVersionUID = 2L;

    /** What a compared name leaves out: spaces (those of the pattern {@code \s} and the full-width one) and brackets. */
    private static final String IGNORED = " \t\n\u000B\f\r\u3000()[]【】〔〕<>《》";

    /** How a row's producer was resolved: the value of the staged column {@code match}. */
    public enum Match
    {
        /** The file gave the credit code (the project's own layout). */
        GIVEN,
        /** The project's own layout with no credit code: an unlicensed producer, named only. */
        UNLICENSED,
        EXACT,
        NORMALISED,
        /** By the operator's producer_map.csv. */
        OPERATOR,
        /** Not in the register; the county from the address. */
        ADDRESS,
        AMBIGUOUS,
        UNMATCHED,
        /** The address is outside the province. */
        OUTSIDE;

        public String id()
        {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the producer was resolved to a registered enterprise. */
        public boolean resolved()
        {
            return this == GIVEN || this == EXACT || this == NORMALISED || this == OPERATOR;
        }

        public static List<String> ids()
        {
            return java.util.Arrays.stream(values()).map(Match::id).toList();
        }
    }

    /** One enterprise of the register. {@code parentCode} is set for a registered branch. */
    public record Entry(String code, String name, List<String> formerNames, String county, String parentCode)
            implements Serializable
    {
        public Entry
        {
            requireNonNull(code, "code is null");
            requireNonNull(name, "name is null");
            formerNames = List.copyOf(formerNames);
        }
    }

    /** One line of the operator's mapping: a name, optionally an address, and the code it means. */
    public record Mapping(String name, String address, String code)
            implements Serializable
    {
    }

    /** A register enterprise that may be the producer, with how alike the names are (0–1). */
    public record Candidate(String code, String name, double score)
            implements Serializable
    {
    }

    /** The outcome: how, the code (null unless resolved), the county (null when unknown) and, for an ambiguous name, the enterprises it could be. */
    public record Resolution(Match match, String code, String county, List<Candidate> candidates)
    {
    }

    // The register and the operator's mapping are the state; the name indexes are built from them,
    // here and again where a task deserializes the resolver (see writeObject).
    private transient HashMap<String, Entry> byCode;
    private transient HashMap<String, List<String>> byExactName;
    private transient HashMap<String, List<String>> byNormalisedName;
    private transient HashMap<String, String> operator = new HashMap<>();
    private final AddressResolver addresses;
    private transient Map<String, List<String>> pairs;

    public ProducerResolver(List<Entry> register, List<Mapping> mappings, AddressResolver addresses)
    {
        this.addresses = requireNonNull(addresses, "addresses is null");
        index(register);
        for (Mapping mapping : mappings) {
            operator.put(operatorKey(mapping.name(), mapping.address()), mapping.code());
        }
    }

    /** Builds the indexes of {@code register}, a later row of one code winning. */
    private void index(List<Entry> register)
    {
        byCode = new HashMap<>(capacity(register.size()));
        for (Entry entry : register) {
            // A later row of one code (this load over the staged register) wins.
            byCode.put(entry.code(), entry);
        }
        byExactName = new HashMap<>(capacity(byCode.size()));
        byNormalisedName = new HashMap<>(capacity(byCode.size()));
        for (Entry entry : byCode.values()) {
            byExactName.computeIfAbsent(entry.name().strip(), ignored -> new ArrayList<>(1)).add(entry.code());
            List<String> names = new ArrayList<>(1 + entry.formerNames().size());
            names.add(normalise(entry.name()));
            for (String former : entry.formerNames()) {
                String name = normalise(former);
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
            names.forEach(name -> byNormalisedName.computeIfAbsent(name, ignored -> new ArrayList<>(1)).add(entry.code()));
        }
        byExactName.values().forEach(codes -> codes.sort(null));
        byNormalisedName.values().forEach(codes -> codes.sort(null));
    }

    /** A HashMap's initial capacity for {@code size} keys without rehashing. */
    private static int capacity(int size)
    {
        return (int) (size / 0.75f) + 1;
    }

    /**
     * The serial form (a broadcast to the tasks): the register's enterprises and the operator's
     * mapping as length-prefixed UTF-8 strings, not the object graph of the indexes — Java's
     * default form of a 900,000-enterprise register took 9 s to write and 121 MB.
     */
    @Serial
    private void writeObject(ObjectOutputStream out)
            throws IOException
    {
        out.defaultWriteObject();
        out.writeInt(byCode.size());
        for (Entry entry : byCode.values()) {
            writeString(out, entry.code());
            writeString(out, entry.name());
            writeString(out, entry.county());
            writeString(out, entry.parentCode());
            out.writeInt(entry.formerNames().size());
            for (String former : entry.formerNames()) {
                writeString(out, former);
            }
        }
        out.writeInt(operator.size());
        for (Map.Entry<String, String> mapping : operator.entrySet()) {
            writeString(out, mapping.getKey());
            writeString(out, mapping.getValue());
        }
    }

    @Serial
    private void readObject(ObjectInputStream in)
            throws IOException, ClassNotFoundException
    {
        in.defaultReadObject();
        int size = in.readInt();
        List<Entry> register = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String code = readString(in);
            String name = readString(in);
            String county = readString(in);
            String parent = readString(in);
            int formers = in.readInt();
            List<String> formerNames = new ArrayList<>(formers);
            for (int f = 0; f < formers; f++) {
                formerNames.add(readString(in));
            }
            register.add(new Entry(code, name, formerNames, county, parent));
        }
        index(register);
        int mappings = in.readInt();
        operator = new HashMap<>(capacity(mappings));
        for (int i = 0; i < mappings; i++) {
            operator.put(readString(in), readString(in));
        }
    }

    private static void writeString(ObjectOutputStream out, String value)
            throws IOException
    {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(ObjectInputStream in)
            throws IOException
    {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether the register holds the code. */
    public boolean registered(String code)
    {
        return byCode.containsKey(code);
    }

    public int size()
    {
        return byCode.size();
    }

    /**
     * A name as compared: full-width folded to half-width (NFKC), spaces (full-width ones too)
     * and brackets removed, Latin letters upper-cased, 有限责任公司 written 有限公司.
     */
    public static String normalise(String name)
    {
        String folded = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKC);
        // A loop, not a regular expression: the register's names are normalised once each (900,000 at
        // scale 3), and replaceAll compiled its pattern on every call (1.1 s against 0.3 s).
        StringBuilder kept = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (IGNORED.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        return kept.toString().replace("有限责任公司", "有限公司").toUpperCase(Locale.ROOT);
    }


    private static String operatorKey(String name, String address)
    {
        return normalise(name) + "\u001F" + (address == null ? "" : normalise(address));
    }

    public Resolution resolve(String name, String address)
    {
        AddressResolver.Found place = addresses.resolve(address);
        String addressCounty = place.place() == AddressResolver.Place.COUNTY ? place.countyCode() : null;
        if (name == null || name.isBlank()) {
            return unresolved(place, addressCounty);
        }
        String mapped = operator.get(operatorKey(name, address));
        if (mapped == null) {
            mapped = operator.get(operatorKey(name, null));
        }
        if (mapped != null && byCode.containsKey(mapped)) {
            return resolved(Match.OPERATOR, byCode.get(mapped));
        }
        Optional<Resolution> exact = pick(Match.EXACT, byExactName.getOrDefault(name.strip(), List.of()), addressCounty);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<String> normalised = byNormalisedName.getOrDefault(normalise(name), List.of());
        Optional<Resolution> found = pick(Match.NORMALISED, normalised, addressCounty);
        if (found.isPresent()) {
            return found.get();
        }
        if (!normalised.isEmpty()) {
            List<Candidate> candidates = normalised.stream().map(code -> new Candidate(code, byCode.get(code).name(), 1.0)).toList();
            return new Resolution(Match.AMBIGUOUS, null, addressCounty, candidates);
        }
        return unresolved(place, addressCounty);
    }

    private static Resolution unresolved(AddressResolver.Found place, String addressCounty)
    {
        if (place.place() == AddressResolver.Place.OUTSIDE) {
            return new Resolution(Match.OUTSIDE, null, null, List.of());
        }
        return addressCounty != null ? new Resolution(Match.ADDRESS, null, addressCounty, List.of()) : new Resolution(Match.UNMATCHED, null, null, List.of());
    }

    /** One enterprise of those a name gives, the address's county deciding between several; empty when none or still several. */
    private Optional<Resolution> pick(Match match, List<String> codes, String addressCounty)
    {
        if (codes.size() == 1) {
            return Optional.of(resolved(match, byCode.get(codes.get(0))));
        }
        if (codes.size() > 1 && addressCounty != null) {
            List<String> inCounty = codes.stream().filter(code -> addressCounty.equals(byCode.get(code).county())).toList();
            if (inCounty.size() == 1) {
                return Optional.of(resolved(match, byCode.get(inCounty.get(0))));
            }
        }
        return Optional.empty();
    }

    private Resolution resolved(Match match, Entry entry)
    {
        // A registered branch stands for its parent, where the register holds the parent; the county is the branch's.
        String code = entry.parentCode() != null && byCode.containsKey(entry.parentCode()) ? entry.parentCode() : entry.code();
        return new Resolution(match, code, entry.county(), List.of());
    }

    /**
     * Up to {@code limit} register enterprises whose names are most like {@code name}, by the
     * Dice coefficient of the normalised names' character pairs, at least {@code minimum}; for
     * the review of producers that did not resolve. Runs on the driver over the few unresolved
     * names: enterprises are found through the pairs they share with the name, the pairs most
     * names have (有限, 公司) left out of the finding but not of the score.
     */
    public List<Candidate> candidates(String name, int limit, double minimum)
    {
        Set<String> wanted = Similarity.pairs(normalise(name));
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> index = pairIndex();
        int common = Math.max(50, byCode.size() / 20);
        Set<String> found = new HashSet<>();
        for (String pair : wanted) {
            List<String> codes = index.getOrDefault(pair, List.of());
            if (codes.size() <= common) {
                found.addAll(codes);
            }
        }
        Map<String, Double> scores = new HashMap<>();
        for (String code : found) {
            double best = allNames(byCode.get(code)).stream().mapToDouble(candidate -> Similarity.dice(wanted, Similarity.pairs(normalise(candidate)))).max().orElse(0);
            if (best >= minimum) {
                scores.put(code, best);
            }
        }
        return scores.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> entry) -> -entry.getValue()).thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(entry -> new Candidate(entry.getKey(), byCode.get(entry.getKey()).name(), Math.round(entry.getValue() * 1000) / 1000.0))
                .toList();
    }

    /** Character pair → the codes whose names have it, built on first use (the driver's review only). */
    private Map<String, List<String>> pairIndex()
    {
        if (pairs == null) {
            Map<String, List<String>> index = new HashMap<>();
            for (Entry entry : byCode.values()) {
                Set<String> own = new HashSet<>();
                allNames(entry).forEach(candidate -> own.addAll(Similarity.pairs(normalise(candidate))));
                own.forEach(pair -> index.computeIfAbsent(pair, ignored -> new ArrayList<>()).add(entry.code()));
            }
            pairs = index;
        }
        return pairs;
    }

    private static List<String> allNames(Entry entry)
    {
        List<String> names = new ArrayList<>();
        names.add(entry.name());
        names.addAll(entry.formerNames());
        return names;
    }

}
