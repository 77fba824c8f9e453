package org.zhijian.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes the same rows — shaped like the export of {@code staged.inspections}, 12 columns — with one
 * of three writers, in this JVM (run it with the heap cap to test): {@code zhijian} (the export's
 * own streamed writer), {@code poi} (plain, non-streaming POI XSSF) or {@code fastexcel}. Prints one
 * {@code RESULT} line: seconds, rows, file size, the heap pools' peak use and the largest heap left
 * live after a collection. An OutOfMemoryError is a result too ({@code status=oom}).
 *
 * <p>Usage: {@code WriterBenchmark zhijian|poi|fastexcel ROWS OUT.xlsx}
 */
public final class WriterBenchmark
{
    private static final String[] CITIES = {"330100", "330200", "330300", "330400", "330500", "330600", "330700", "330800", "330900", "331000", "331100"};
    private static final String[] WORDS = {"阳光", "华达", "恒信", "新星", "东方", "宏远", "万通", "瑞丰", "金桥", "永盛", "天成", "鑫源"};
    private static final String[] TRADES = {"茶业", "食品", "涂料", "电器", "纺织", "五金", "机械", "塑业", "制药", "服饰"};
    private static final String[] CATEGORIES = {"黄酒", "农药", "电线电缆", "儿童玩具", "食用植物油", "化肥", "燃气灶具", "安全帽", "水泥", "童装"};
    private static final String[] LEVELS = {"国抽", "省抽", "市抽", "县抽"};
    private static final String[] ITEMS = {"标签标识", "微生物", "重金属", "阻燃性能", "绝缘电阻", "含量偏差"};

    static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("batch_id", DataTypes.StringType, false),
            DataTypes.createStructField("credit_code", DataTypes.StringType, true),
            DataTypes.createStructField("producer_name", DataTypes.StringType, false),
            DataTypes.createStructField("county_code", DataTypes.StringType, false),
            DataTypes.createStructField("city_code", DataTypes.StringType, false),
            DataTypes.createStructField("category", DataTypes.StringType, false),
            DataTypes.createStructField("plan_level", DataTypes.StringType, false),
            DataTypes.createStructField("sampled_on", DataTypes.DateType, false),
            DataTypes.createStructField("result", DataTypes.StringType, false),
            DataTypes.createStructField("failed_items", DataTypes.StringType, true),
            DataTypes.createStructField("year", DataTypes.IntegerType, false),
            DataTypes.createStructField("source_line", DataTypes.LongType, false)});

    private static final AtomicLong LIVE_AFTER_GC = new AtomicLong();

    private WriterBenchmark() {}

    public static void main(String[] args)
            throws IOException
    {
        if (args.length != 3) {
            System.err.println("usage: WriterBenchmark zhijian|poi|fastexcel ROWS OUT.xlsx");
            System.exit(2);
        }
        String writer = args[0];
        long rows = Long.parseLong(args[1]);
        Path out = Path.of(args[2]);
        watchCollections();
        AtomicLong written = new AtomicLong();
        long started = System.nanoTime();
        String status = "ok";
        try (OutputStream output = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            switch (writer) {
                case "zhijian" -> zhijian(rows, output, written);
                case "poi" -> poi(rows, output, written);
                case "fastexcel" -> fastexcel(rows, output, written);
                default -> throw new IllegalArgumentException("unknown writer: " + writer);
            }
        }
        catch (OutOfMemoryError e) {
            status = "oom";
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("RESULT writer=%s status=%s rows=%d seconds=%.3f bytes=%d peak_heap_mb=%.1f live_heap_mb=%.1f max_heap_mb=%.0f%n",
                writer, status, written.get(), seconds, Files.exists(out) ? Files.size(out) : 0, peak / 1048576.0, LIVE_AFTER_GC.get() / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
        System.exit(status.equals("ok") ? 0 : 3);
    }

    /** The largest heap still in use after any collection: the writer's live set, whatever the cap. */
    private static void watchCollections()
    {
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                LIVE_AFTER_GC.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    /** Row {@code i} of the benchmark: the same for every writer and every run. */
    static Object[] row(long i)
    {
        SplittableRandom random = new SplittableRandom(0x5EEDL * 31 + i);
        String city = CITIES[random.nextInt(CITIES.length)];
        String county = city.substring(0, 4) + String.format("%02d", 2 + random.nextInt(20));
        LocalDate sampled = LocalDate.of(2016, 1, 1).plusDays(random.nextInt(3653));
        boolean passed = random.nextInt(100) < 94;
        boolean licensed = random.nextInt(100) < 97;
        return new Object[] {
                String.format("CC%d%07d", sampled.getYear(), i + 1),
                licensed ? String.format("91%s%08dX", county, random.nextInt(100_000_000)) : null,
                WORDS[random.nextInt(WORDS.length)] + WORDS[random.nextInt(WORDS.length)] + TRADES[random.nextInt(TRADES.length)] + "有限公司",
                county,
                city,
                CATEGORIES[random.nextInt(CATEGORIES.length)],
                LEVELS[random.nextInt(LEVELS.length)],
                sampled,
                passed ? "合格" : "不合格",
                passed ? null : ITEMS[random.nextInt(ITEMS.length)],
                sampled.getYear(),
                i + 2};
    }

    private static void zhijian(long rows, OutputStream output, AtomicLong written)
            throws IOException
    {
        try (XlsxExportWriter writer = new XlsxExportWriter(output, ZoneId.of("Asia/Shanghai"), true, XlsxExportWriter.MAX_DATA_ROWS)) {
            writer.begin(SCHEMA, Set.of());
            for (long i = 0; i < rows; i++) {
                Row row = RowFactory.create(row(i));
                writer.write(row);
                written.incrementAndGet();
            }
            writer.finish(List.of(Map.entry("rows", String.valueOf(rows))));
        }
    }

    private static void poi(long rows, OutputStream output, AtomicLong written)
            throws IOException
    {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet("数据");
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle integer = workbook.createCellStyle();
            integer.setDataFormat(workbook.createDataFormat().getFormat("0"));
            XSSFRow first = sheet.createRow(0);
            for (int c = 0; c < SCHEMA.fields().length; c++) {
                Cell cell = first.createCell(c);
                cell.setCellValue(SCHEMA.fields()[c].name());
                cell.setCellStyle(header);
            }
            sheet.createFreezePane(0, 1);
            for (long i = 0; i < rows; i++) {
                Object[] values = row(i);
                XSSFRow target = sheet.createRow((int) i + 1);
                for (int c = 0; c < values.length; c++) {
                    Object value = values[c];
                    if (value == null) {
                        continue;
                    }
                    Cell cell = target.createCell(c);
                    if (value instanceof String text) {
                        cell.setCellValue(text);
                    }
                    else if (value instanceof LocalDate day) {
                        cell.setCellValue(day);
                        cell.setCellStyle(date);
                    }
                    else {
                        cell.setCellValue(((Number) value).doubleValue());
                        cell.setCellStyle(integer);
                    }
                }
                written.incrementAndGet();
            }
            workbook.write(output);
        }
    }

    private static void fastexcel(long rows, OutputStream output, AtomicLong written)
            throws IOException
    {
        Workbook workbook = new Workbook(output, "zhijian-bench", "1.0");
        Worksheet sheet = workbook.newWorksheet("数据");
        for (int c = 0; c < SCHEMA.fields().length; c++) {
            sheet.value(0, c, SCHEMA.fields()[c].name());
            sheet.style(0, c).bold().set();
        }
        sheet.freezePane(0, 1);
        for (long i = 0; i < rows; i++) {
            Object[] values = row(i);
            int r = (int) i + 1;
            for (int c = 0; c < values.length; c++) {
                Object value = values[c];
                if (value == null) {
                    continue;
                }
                if (value instanceof String text) {
                    sheet.value(r, c, text);
                }
                else if (value instanceof LocalDate day) {
                    sheet.value(r, c, day);
                    sheet.style(r, c).format("yyyy-mm-dd").set();
                }
                else {
                    sheet.value(r, c, (Number) value);
                    sheet.style(r, c).format("0").set();
                }
            }
            written.incrementAndGet();
            if (r % 1000 == 0) {
                sheet.flush();
            }
        }
        workbook.finish();
    }
}
