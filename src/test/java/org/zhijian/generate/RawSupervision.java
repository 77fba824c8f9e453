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

    /** Periodic inspections due in the year and those done by their due date: {on time, due}. */
    public static long[] dueAndOnTime(Path raw, int year)
            throws IOException
    {
        Map<String, List<Map<String, String>>> byUnit = new HashMap<>();
        for (Map<String, String> report : rows(raw, "equipment_inspections.csv")) {
            byUnit.computeIfAbsent(report.get("equipment_code"), ignored -> new ArrayList<>()).add(report);
        }
        long due = 0;
        long onTime = 0;
        for (Map<String, String> unit : rows(raw, "equipment.csv")) {
            List<Map<String, String>> reports = byUnit.getOrDefault(unit.get("equipment_code"), List.of());
            reports.sort(Comparator.comparing((Map<String, String> report) -> report.get("inspected_on")).thenComparing(report -> report.get("inspection_id")));
            Set<LocalDate> answered = new HashSet<>();
            for (int i = 1; i < reports.size(); i++) {
                String previous = reports.get(i - 1).get("next_due");
                if (reports.get(i).get("kind").equals("定期") && !previous.isEmpty()) {
                    LocalDate dueOn = LocalDate.parse(previous);
                    answered.add(dueOn);
                    if (dueOn.getYear() == year) {
                        due++;
                        onTime += date(reports.get(i), "inspected_on").isAfter(dueOn) ? 0 : 1;
                    }
                }
            }
            LocalDate next = date(unit, "next_inspection_due");
            if (unit.get("status").equals("在用") && !answered.contains(next) && next.getYear() == year) {
                due++;
            }
        }
        return new long[] {onTime, due};
    }

    /** Units past their due date on the day and not inspected by then. */
    public static long overdue(Path raw, LocalDate day)
            throws IOException
    {
        Map<String, List<Map<String, String>>> byUnit = new HashMap<>();
        for (Map<String, String> report : rows(raw, "equipment_inspections.csv")) {
            byUnit.computeIfAbsent(report.get("equipment_code"), ignored -> new ArrayList<>()).add(report);
        }
        long overdue = 0;
        for (Map<String, String> unit : rows(raw, "equipment.csv")) {
            List<Map<String, String>> reports = byUnit.getOrDefault(unit.get("equipment_code"), List.of());
            reports.sort(Comparator.comparing((Map<String, String> report) -> report.get("inspected_on")).thenComparing(report -> report.get("inspection_id")));
            Set<LocalDate> answered = new HashSet<>();
            for (int i = 1; i < reports.size(); i++) {
                String previous = reports.get(i - 1).get("next_due");
                if (reports.get(i).get("kind").equals("定期") && !previous.isEmpty()) {
                    LocalDate dueOn = LocalDate.parse(previous);
                    LocalDate done = date(reports.get(i), "inspected_on");
                    answered.add(dueOn);
                    overdue += dueOn.isBefore(day) && done.isAfter(day) ? 1 : 0;
                }
            }
            LocalDate next = date(unit, "next_inspection_due");
            if (unit.get("status").equals("在用") && !answered.contains(next) && next.isBefore(day)) {
                overdue++;
            }
        }
        return overdue;
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
