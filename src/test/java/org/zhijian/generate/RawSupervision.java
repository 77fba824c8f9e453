package org.zhijian.generate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.zhijian.io.CsvReader;
import org.zhijian.io.CsvRecord;

/**
 * The special equipment, licence and recall figures of a year, counted straight from generated
 * raw files (clean ones, English headers) in plain Java, apart from the SQL of conf/facts.
 */
public final class RawSupervision
{
    private RawSupervision() {}

    /**
     * Removes the files of the datasets of the bureau's other work (special equipment, licences,
     * recalls) from a generated folder, for tests of the lake's protocol or of a cluster that need
     * the seven original datasets only and would otherwise pay a cold JVM's ingest of twelve.
     */
    public static void keepOriginalDatasets(Path raw)
            throws IOException
    {
        for (String dataset : List.of(SampleDataGenerator.EQUIPMENT, SampleDataGenerator.EQUIPMENT_INSPECTIONS, SampleDataGenerator.EQUIPMENT_ACCIDENTS,
                SampleDataGenerator.LICENCES, SampleDataGenerator.RECALLS)) {
            Files.deleteIfExists(raw.resolve(dataset + ".csv"));
        }
    }

    /** One file's rows by header. */
    public static List<Map<String, String>> rows(Path raw, String file)
            throws IOException
    {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(raw.resolve(file), StandardCharsets.UTF_8); CsvReader csv = new CsvReader(reader)) {
            List<String> header = csv.next().fields();
            while (csv.hasNext()) {
                CsvRecord record = csv.next();
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i).replace("\uFEFF", ""), record.field(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Units registered by the day and not deregistered by then. */
    public static long registered(Path raw, LocalDate day)
            throws IOException
    {
        return rows(raw, "equipment.csv").stream().filter(row -> !date(row, "registered_on").isAfter(day)
                && !(row.get("status").equals("注销") && !date(row, "status_on").isAfter(day))).count();
    }

    /** A periodic inspection that fell due: the day, and the day it was done (null while it is not). */
    private record Due(LocalDate on, LocalDate done) {}

    /**
     * Every unit's periodic inspections due, read as an inspector would: a report's next_due is
     * answered by the next periodic report; the register's next due date, of a unit in use,
     * stands open unless a report answered it.
     */
    private static List<Due> dues(Path raw)
            throws IOException
    {
        Map<String, List<Map<String, String>>> byUnit = new HashMap<>();
        for (Map<String, String> report : rows(raw, "equipment_inspections.csv")) {
            byUnit.computeIfAbsent(report.get("equipment_code"), ignored -> new ArrayList<>()).add(report);
        }
        List<Due> dues = new ArrayList<>();
        for (Map<String, String> unit : rows(raw, "equipment.csv")) {
            List<Map<String, String>> reports = byUnit.getOrDefault(unit.get("equipment_code"), List.of());
            reports.sort(Comparator.comparing((Map<String, String> report) -> report.get("inspected_on")).thenComparing(report -> report.get("inspection_id")));
            Set<LocalDate> answered = new HashSet<>();
            for (int i = 1; i < reports.size(); i++) {
                String previous = reports.get(i - 1).get("next_due");
                if (reports.get(i).get("kind").equals("定期") && !previous.isEmpty()) {
                    answered.add(LocalDate.parse(previous));
                    dues.add(new Due(LocalDate.parse(previous), date(reports.get(i), "inspected_on")));
                }
            }
            LocalDate next = date(unit, "next_inspection_due");
            if (unit.get("status").equals("在用") && !answered.contains(next)) {
                dues.add(new Due(next, null));
            }
        }
        return dues;
    }

    /** Periodic inspections due in the year and those done by their due date: {on time, due}. */
    public static long[] dueAndOnTime(Path raw, int year)
            throws IOException
    {
        List<Due> inYear = dues(raw).stream().filter(due -> due.on().getYear() == year).toList();
        return new long[] {inYear.stream().filter(due -> due.done() != null && !due.done().isAfter(due.on())).count(), inYear.size()};
    }

    /** Units past their due date on the day and not inspected by then. */
    public static long overdue(Path raw, LocalDate day)
            throws IOException
    {
        return dues(raw).stream().filter(due -> due.on().isBefore(day) && (due.done() == null || due.done().isAfter(day))).count();
    }

    /** Rows of a file whose date column falls in the year. */
    public static List<Map<String, String>> inYear(Path raw, String file, String column, int year)
            throws IOException
    {
        return rows(raw, file).stream().filter(row -> row.get(column).startsWith(year + "-")).toList();
    }

    private static LocalDate date(Map<String, String> row, String column)
    {
        return LocalDate.parse(row.get(column));
    }
}
