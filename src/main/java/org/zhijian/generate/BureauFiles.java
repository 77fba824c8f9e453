package org.zhijian.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.zhijian.io.CsvWriter;
import org.zhijian.reference.Division;
import org.zhijian.reference.Divisions;

/**
 * The sample data written as the bureau receives it (generate --formats notice,register;
 * DOMAIN.md, "Files as bureaus really have them"), not in the project's own layouts: the
 * national batches of each year as a national notice workbook and the provincial batches of each
 * year as a P/F .xls, producers by name and address only (names as printed: brackets of either
 * width, 有限责任公司 for 有限公司 now and then); the enterprises as a register export that names
 * the county only through 登记机关 and 住所, and the above-scale and high-tech lists that set the
 * flags. Reproducible: the same rows give the same files.
 */
public final class BureauFiles
{
    /** Batches a sheet of an .xls holds (65,536 rows less the title and header). */
    private static final int XLS_ROWS = 65_000;
    private static final String[] STREETS = {"工业园区", "经济开发区", "高新技术产业园区", "科技城", "工业功能区"};

    /** One batch of a notice. */
    public record Batch(int year, String category, String producer, String countyCode, String sampledOn, boolean passed, String failedItems) {}

    /** One enterprise of the register, with its flags for the lists. */
    public record Enterprise(String code, String name, String legalRep, String status, String established, String countyCode, String industryCode, boolean aboveScale,
            boolean highTech) {}

    private final Divisions divisions;
    private final org.zhijian.schema.DatasetCatalogue datasets;
    private final Path directory;
    private final List<GenerationSummary.WrittenFile> written = new ArrayList<>();

    public BureauFiles(Divisions divisions, org.zhijian.schema.DatasetCatalogue datasets, Path directory)
    {
        this.divisions = divisions;
        this.datasets = datasets;
        this.directory = directory;
    }

    public List<GenerationSummary.WrittenFile> written()
    {
        return written;
    }

    private void wrote(String datasetName, Path file, String format, long rows)
            throws IOException
    {
        org.zhijian.schema.SourceDataset dataset = datasets.get(datasetName);
        written.add(new GenerationSummary.WrittenFile(dataset, file, format, rows, Files.size(file)));
    }

    /** A name as a notice prints it: now and then half-width brackets or 有限责任公司. */
    static String asPrinted(String name, int n)
    {
        if (n % 5 == 0) {
            return name.replace('（', '(').replace('）', ')');
        }
        if (n % 7 == 0 && name.endsWith("有限公司") && !name.endsWith("股份有限公司")) {
            return name.substring(0, name.length() - "有限公司".length()) + "有限责任公司";
        }
        return name;
    }

    String address(String countyCode, int n)
    {
        Division county = divisions.currentCounty(countyCode).orElseThrow();
        Division city = divisions.get(county.cityCode());
        // Older notices leave out the province, or write the county alone.
        String place = switch (n % 3) {
            case 0 -> "浙江省" + city.name() + county.name();
            case 1 -> city.name() + county.name();
            default -> county.name();
        };
        return place + STREETS[n % STREETS.length] + (1 + n % 300) + "号";
    }

    /** The national batches, one notice per year: two title rows, the header on row 3, a note under the table. */
    public void nationalNotices(List<Batch> batches)
            throws IOException
    {
        Map<Integer, List<Batch>> byYear = new TreeMap<>();
        batches.forEach(batch -> byYear.computeIfAbsent(batch.year(), ignored -> new ArrayList<>()).add(batch));
        for (Map.Entry<Integer, List<Batch>> year : byYear.entrySet()) {
            nationalNotice(directory.resolve(year.getKey() + "年产品质量国家监督抽查结果.xlsx"), year.getKey() + "年产品质量国家监督抽查结果", year.getValue());
        }
    }

    /** One national notice of {@code batches} (bench/ writes a 100,000-batch one). */
    public void nationalNotice(Path file, String title, List<Batch> batches)
            throws IOException
    {
        List<String> header = List.of("序号", "产品种类", "受检单位", "标称生产单位", "标称生产单位所在地", "产品名称", "规格型号", "抽样日期", "检验结论", "主要不合格项目",
                "承检机构", "备注");
        try (SXSSFWorkbook book = new SXSSFWorkbook(500)) {
            Sheet sheet = book.createSheet("抽查结果");
            titles(sheet, header.size(), title, "（共" + batches.size() + "批次）");
            header(sheet.createRow(2), header);
            int r = 3;
            int n = 0;
            for (Batch batch : batches) {
                n++;
                String producer = asPrinted(batch.producer(), n);
                cells(sheet.createRow(r++), List.of(String.valueOf(n), batch.category(), producer, producer, address(batch.countyCode(), n), batch.category(), "/",
                        batch.sampledOn(), batch.passed() ? "合格" : "不合格", batch.failedItems().isEmpty() ? "/" : batch.failedItems().replace(';', '、'),
                        "国家质检中心", "/"));
            }
            sheet.createRow(r + 1).createCell(0).setCellValue("注：以上抽查结果仅对所抽样品负责。");
            writeReproducibly(book, file);
            wrote(org.zhijian.schema.SourceDataset.INSPECTIONS, file, "notice", n);
        }
    }

    /** The provincial batches, one P/F .xls per year (sheets of 65,000 batches): producers by name only. */
    public void provincialNotices(List<Batch> batches)
            throws IOException
    {
        Map<Integer, List<Batch>> byYear = new TreeMap<>();
        batches.forEach(batch -> byYear.computeIfAbsent(batch.year(), ignored -> new ArrayList<>()).add(batch));
        List<String> header = List.of("序号", "产品名称", "规格型号", "生产日期或批号", "生产企业名称", "监督抽查时间", "检验结论", "不合格项目");
        for (Map.Entry<Integer, List<Batch>> year : byYear.entrySet()) {
            Path file = directory.resolve(year.getKey() + "年省级产品质量监督抽查结果.xls");
            try (Workbook book = new HSSFWorkbook()) {
                List<Batch> all = year.getValue();
                for (int start = 0, part = 1; start < all.size(); start += XLS_ROWS, part++) {
                    Sheet sheet = book.createSheet("第" + part + "部分");
                    titles(sheet, header.size(), "浙江省市场监督管理局" + year.getKey() + "年省级产品质量监督抽查结果", null);
                    header(sheet.createRow(1), header);
                    int r = 2;
                    for (int i = start; i < Math.min(all.size(), start + XLS_ROWS); i++) {
                        Batch batch = all.get(i);
                        String sampled = batch.sampledOn();
                        // Dates as people type them: 2025年3月5日 or 2025.3.5.
                        String typed = i % 2 == 0 ? sampled.substring(0, 4) + "年" + Integer.parseInt(sampled.substring(5, 7)) + "月" + Integer.parseInt(sampled.substring(8)) + "日"
                                : sampled.substring(0, 4) + "." + Integer.parseInt(sampled.substring(5, 7)) + "." + Integer.parseInt(sampled.substring(8));
                        cells(sheet.createRow(r++), List.of(String.valueOf(i + 1), batch.category(), "/", "/", asPrinted(batch.producer(), i + 1), typed,
                                batch.passed() ? "P" : "F", batch.failedItems().isEmpty() ? "/" : batch.failedItems()));
                    }
                    sheet.createRow(r + 1).createCell(0).setCellValue("注：P表示符合监督检查要求，F表示不合格。");
                }
                try (OutputStream output = Files.newOutputStream(file)) {
                    book.write(output);
                }
                wrote(org.zhijian.schema.SourceDataset.INSPECTIONS, file, "notice", all.size());
            }
        }
    }

    /** The register export and the two lists; the year names the lists. */
    public void register(List<Enterprise> enterprises, int year)
            throws IOException
    {
        Path file = directory.resolve("市场主体登记信息.csv");
        List<String> lines = new ArrayList<>();
        lines.add(CsvWriter.line(List.of("统一社会信用代码", "企业名称", "法定代表人", "登记状态", "成立日期", "企业类型", "登记机关", "住所", "所属行业")));
        int n = 0;
        for (Enterprise enterprise : enterprises) {
            n++;
            Division county = divisions.currentCounty(enterprise.countyCode()).orElseThrow();
            String status = switch (enterprise.status()) {
                case "存续" -> "存续（在营、开业、在册）";
                case "吊销" -> "吊销，未注销";
                default -> enterprise.status();
            };
            lines.add(CsvWriter.line(List.of(enterprise.code(), enterprise.name(), enterprise.legalRep(), status, enterprise.established(), "有限责任公司",
                    county.name() + "市场监督管理局", address(enterprise.countyCode(), n), enterprise.industryCode())));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        wrote(org.zhijian.schema.SourceDataset.ENTERPRISES, file, "register", enterprises.size());

        Path aboveScale = directory.resolve(year + "年规模以上工业企业名单.csv");
        List<String> listed = new ArrayList<>();
        listed.add(year + "年规模以上工业企业名单");
        listed.add(CsvWriter.line(List.of("序号", "统一社会信用代码", "企业名称")));
        n = 0;
        for (Enterprise enterprise : enterprises) {
            if (enterprise.aboveScale()) {
                listed.add(CsvWriter.line(List.of(String.valueOf(++n), enterprise.code(), enterprise.name())));
            }
        }
        Files.write(aboveScale, listed, StandardCharsets.UTF_8);
        wrote(org.zhijian.schema.SourceDataset.ENTERPRISE_LISTS, aboveScale, "register", n);

        Path highTech = directory.resolve(year + "年高新技术企业名单.xlsx");
        try (SXSSFWorkbook book = new SXSSFWorkbook(500)) {
            Sheet sheet = book.createSheet("高新技术企业");
            titles(sheet, 4, "浙江省" + year + "年高新技术企业名单", null);
            header(sheet.createRow(1), List.of("序号", "企业名称", "统一社会信用代码", "证书编号"));
            int r = 2;
            n = 0;
            for (Enterprise enterprise : enterprises) {
                if (enterprise.highTech()) {
                    n++;
                    cells(sheet.createRow(r++), List.of(String.valueOf(n), enterprise.name(), enterprise.code(), String.format("GR%d33%06d", year, n)));
                }
            }
            writeReproducibly(book, highTech);
            wrote(org.zhijian.schema.SourceDataset.ENTERPRISE_LISTS, highTech, "register", n);
        }
    }

    private static void titles(Sheet sheet, int width, String title, String second)
    {
        sheet.createRow(0).createCell(0).setCellValue(title);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, width - 1));
        if (second != null) {
            sheet.createRow(1).createCell(0).setCellValue(second);
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, width - 1));
        }
    }

    private static void header(Row row, List<String> header)
    {
        cells(row, header);
    }

    private static void cells(Row row, List<String> values)
    {
        for (int i = 0; i < values.size(); i++) {
            row.createCell(i).setCellValue(values.get(i));
        }
    }

    private void writeReproducibly(SXSSFWorkbook book, Path file)
            throws IOException
    {
        book.getXSSFWorkbook().getProperties().getCoreProperties().setCreated(java.util.Optional.of(new java.util.Date(1_577_836_800_000L)));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            book.write(buffer);
        }
        finally {
            book.dispose();
        }
        try (OutputStream output = Files.newOutputStream(file)) {
            ReproducibleZip.rewrite(buffer.toByteArray(), output);
        }
    }
}
