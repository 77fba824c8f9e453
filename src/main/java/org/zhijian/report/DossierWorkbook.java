package org.zhijian.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.zhijian.indicators.credit.CreditScorecard;

import static java.util.Objects.requireNonNull;

/**
 * One enterprise's quality-credit dossier as a workbook: 概况 (registration and a generated
 * summary), 信用等级 (grade and score per year with every reason, and the red and black lists),
 * 抽查记录, 案件, 品牌与认证, 标准 (each row with its source file and line), 同行比较 and 来源.
 * Every word in both languages lives here.
 */
public final class DossierWorkbook
{
    private final boolean zh;
    private final CreditScorecard scorecard;
    private final Map<String, String> regionNames;

    public DossierWorkbook(String language, CreditScorecard scorecard, Map<String, String> regionNames)
    {
        this.zh = !"en".equals(language);
        this.scorecard = requireNonNull(scorecard, "scorecard is null");
        this.regionNames = Map.copyOf(regionNames);
    }

    /** The file name of an enterprise's dossier in this language. */
    public String fileName(String creditCode)
    {
        return zh ? "质量信用档案_" + creditCode + ".xlsx" : "quality_credit_dossier_" + creditCode + "_en.xlsx";
    }

    public void write(DossierJob.Dossier dossier, long snapshot, Path target)
            throws IOException
    {
        try (ReportWorkbook book = new ReportWorkbook(zh ? "等线" : "Calibri")) {
            overview(book, dossier);
            ratings(book, dossier);
            table(book, dossier, "batches", t("抽查记录", "Sampling"), new String[][] {
                    {"sampled_on", "抽样日期", "Sampled on", "11"}, {"batch_id", "批次编号", "Batch", "16"}, {"category", "产品类别", "Category", "16"},
                    {"plan_level", "抽查级别", "Plan level", "9"}, {"result", "结果", "Result", "8"}, {"failed_items", "不合格项目", "Failed items", "24"},
                    {"source_file", "来源文件", "Source file", "18"}, {"source_line", "行号", "Line", "8"}});
            table(book, dossier, "failed", t("不合格通报", "Failed-only notices"), new String[][] {
                    {"sampled_on", "抽样日期", "Sampled on", "11"}, {"batch_id", "批次编号", "Batch", "18"}, {"category", "产品类别", "Category", "16"},
                    {"plan_level", "抽查级别", "Plan level", "9"}, {"failed_items", "不合格项目", "Failed items", "24"},
                    {"source_file", "来源文件", "Source file", "18"}, {"source_line", "行号", "Line", "8"}});
            table(book, dossier, "cases", t("案件", "Cases"), new String[][] {
                    {"case_id", "案件编号", "Case", "14"}, {"violation", "违法类型", "Violation", "14"}, {"opened_on", "立案日期", "Opened", "11"},
                    {"closed_on", "结案日期", "Closed", "11"}, {"fine", "罚没款（元）", "Fine (yuan)", "14"}, {"goods_value", "货值金额（元）", "Goods value (yuan)", "16"},
                    {"source_file", "来源文件", "Source file", "18"}, {"source_line", "行号", "Line", "8"}});
            table(book, dossier, "brands", t("品牌与认证", "Brands"), new String[][] {
                    {"brand_id", "记录编号", "Record", "14"}, {"brand_name", "品牌", "Brand", "14"}, {"product", "产品", "Product", "14"}, {"level", "级别", "Level", "12"},
                    {"certified_on", "认定日期", "Certified", "11"}, {"valid_until", "有效期至", "Valid until", "11"}, {"revoked_on", "撤销日期", "Revoked", "11"},
                    {"own_ip", "自主知识产权", "Own IP", "10"}, {"source_file", "来源文件", "Source file", "18"}, {"source_line", "行号", "Line", "8"}});
            table(book, dossier, "standards", t("标准", "Standards"), new String[][] {
                    {"standard_no", "标准号", "Standard", "24"}, {"standard_kind", "类别", "Kind", "10"}, {"role", "角色", "Role", "10"},
                    {"adoption", "采标程度", "Adoption", "9"}, {"intl_ref", "国际标准", "International standard", "20"}, {"product", "产品", "Product", "14"},
                    {"effective_on", "实施日期", "Effective", "11"}, {"from_rnd", "科研成果转化", "From research", "12"},
                    {"source_file", "来源文件", "Source file", "18"}, {"source_line", "行号", "Line", "8"}});
            table(book, dossier, "licences", t("生产许可证", "Production licences"), new String[][] {
                    {"licence_no", "许可证编号", "Licence", "18"}, {"product", "产品", "Product", "16"}, {"issued_on", "发证日期", "Issued", "11"},
                    {"valid_until", "有效期至", "Valid until", "11"}, {"status", "状态", "Status", "8"}, {"status_on", "状态变更日期", "Status since", "12"},
                    {"source_file", "来源文件", "Source file", "18"}, {"source_line", "行号", "Line", "8"}});
            table(book, dossier, "recalls", t("缺陷产品召回", "Recalls"), new String[][] {
                    {"recall_id", "召回编号", "Recall", "12"}, {"product", "产品", "Product", "20"}, {"category", "产品类别", "Category", "14"},
                    {"units", "数量", "Units", "9"}, {"announced_on", "公告日期", "Announced", "11"}, {"kind", "方式", "Kind", "9"}, {"defect", "缺陷", "Defect", "22"},
                    {"source_file", "来源文件", "Source file", "18"}, {"source_line", "行号", "Line", "8"}});
            table(book, dossier, "equipment", t("特种设备", "Special equipment"), new String[][] {
                    {"equipment_code", "设备代码", "Equipment code", "18"}, {"registration_code", "使用登记证编号", "Registration", "20"}, {"type", "设备类别", "Type", "14"},
                    {"registered_on", "登记日期", "Registered", "11"}, {"status", "状态", "Status", "8"}, {"next_inspection_due", "下次检验日期", "Next inspection due", "12"},
                    {"source_file", "来源文件", "Source file", "18"}, {"source_line", "行号", "Line", "8"}});
            peers(book, dossier);
            sources(book, dossier, snapshot);
            book.publish(target);
        }
    }

    /** The short summary of the recent years: batches, failures, cases, brands, standards, the latest grade. */
    public String summary(DossierJob.Dossier dossier)
    {
        int last = dossier.lastYear();
        int first = last - DossierJob.RECENT_YEARS + 1;
        LocalDate start = LocalDate.of(first, 1, 1);
        LocalDate end = LocalDate.of(last, 12, 31);
        long batches = 0;
        long failed = 0;
        for (Object[] row : dossier.rows("batches")) {
            LocalDate date = (LocalDate) dossier.value("batches", row, "sampled_on");
            if (!date.isBefore(start) && !date.isAfter(end)) {
                batches++;
                failed += "不合格".equals(dossier.value("batches", row, "result")) ? 1 : 0;
            }
        }
        long cases = 0;
        BigDecimal fines = BigDecimal.ZERO;
        for (Object[] row : dossier.rows("cases")) {
            LocalDate date = (LocalDate) dossier.value("cases", row, "opened_on");
            if (!date.isBefore(start) && !date.isAfter(end)) {
                cases++;
                fines = fines.add(Optional.ofNullable((BigDecimal) dossier.value("cases", row, "fine")).orElse(BigDecimal.ZERO));
            }
        }
        long brands = dossier.rows("brands").stream().filter(row -> validOn(dossier, row, end)).count();
        long led = 0;
        long tookPart = 0;
        long adopted = 0;
        for (Object[] row : dossier.rows("standards")) {
            LocalDate effective = (LocalDate) dossier.value("standards", row, "effective_on");
            if (effective != null && effective.isAfter(end)) {
                continue;
            }
            led += "主导制定".equals(dossier.value("standards", row, "role")) ? 1 : 0;
            tookPart += "参与制定".equals(dossier.value("standards", row, "role")) ? 1 : 0;
            Object adoption = dossier.value("standards", row, "adoption");
            adopted += "IDT".equals(adoption) || "MOD".equals(adoption) ? 1 : 0;
        }
        Optional<Object[]> latest = latestRating(dossier);
        String grade = latest.map(row -> zh ? dossier.value("ratings", row, "year") + " 年信用等级 " + dossier.value("ratings", row, "grade") + "（" + score(dossier, row) + " 分）"
                : "graded " + dossier.value("ratings", row, "grade") + " in " + dossier.value("ratings", row, "year") + " (score " + score(dossier, row) + ")")
                .orElse(zh ? "尚未评级" : "not rated yet");
        String fine = String.format(Locale.ROOT, "%,.0f", fines);
        return zh
                ? String.format(Locale.ROOT, "%d–%d 年：抽查 %d 批次，不合格 %d 批次；案件 %d 起（罚没款 %s 元）；%d 年末有效名牌 %d 个；主导制定标准 %d 项、参与制定 %d 项、采用国际标准 %d 项；%s。",
                        first, last, batches, failed, cases, fine, last, brands, led, tookPart, adopted, grade)
                : String.format(Locale.ROOT, "%d–%d: %d batches sampled, %d failed; %d cases (fines %s yuan); %d valid brands at the end of %d; standards led %d, took part in %d, "
                        + "international adopted %d; %s.", first, last, batches, failed, cases, fine, brands, last, led, tookPart, adopted, grade);
    }

    private void overview(ReportWorkbook book, DossierJob.Dossier dossier)
    {
        Sheet sheet = book.sheet(t("概况", "Overview"), new int[] {22, 90});
        Object[] registration = dossier.rows("registration").get(0);
        String name = String.valueOf(dossier.value("registration", registration, "name"));
        book.title(sheet, 0, (zh ? "企业质量信用档案：" : "Quality-credit dossier: ") + name);
        int r = 2;
        String county = (String) dossier.value("registration", registration, "county_code");
        String city = (String) dossier.value("registration", registration, "city_code");
        Object[][] items = {
                {t("企业名称", "Name"), name},
                {t("统一社会信用代码", "Credit code"), dossier.creditCode()},
                {t("登记状态", "Status"), dossier.value("registration", registration, "status")},
                {t("所在地", "Location"), regionNames.getOrDefault(city, Objects.toString(city, "")) + " " + regionNames.getOrDefault(county, Objects.toString(county, ""))},
                {t("行业代码", "Industry code"), dossier.value("registration", registration, "industry_code")},
                {t("企业规模", "Size"), dossier.value("registration", registration, "size")},
                {t("规模以上工业企业", "Above designated size"), dossier.value("registration", registration, "above_scale")},
                {t("高新技术企业", "High-tech enterprise"), dossier.value("registration", registration, "high_tech")},
                {t("成立日期", "Established"), dossier.value("registration", registration, "established")},
                {t("法定代表人", "Legal representative"), dossier.value("registration", registration, "legal_rep")},
                {t("联系电话", "Phone"), dossier.value("registration", registration, "phone")},
                {t("当前信用等级", "Current grade"), latestRating(dossier).map(row -> dossier.value("ratings", row, "grade") + "（" + dossier.value("ratings", row, "year") + "，"
                        + score(dossier, row) + (zh ? " 分）" : " points)")).orElse("—")},
                {t("红黑名单", "Red or black list"), currentList(dossier)},
                {t("档案摘要", "Summary"), summary(dossier)},
                {t("登记来源", "Registration source"), dossier.value("registration", registration, "source_file") + ":" + dossier.value("registration", registration, "source_line")}};
        for (Object[] item : items) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue((String) item[0]);
            row.getCell(0).setCellStyle(book.style("bold"));
            row.createCell(1).setCellValue(text(item[1]));
            row.getCell(1).setCellStyle(book.style("wrap"));
            int lines = ReportWorkbook.lines(text(item[1]), 90);
            if (lines > 1) {
                row.setHeightInPoints(15 * lines);
            }
        }
        book.note(sheet, r + 1, zh ? "个人信息（法定代表人、联系电话）按 conf 的规则脱敏，与导出相同。各表每行注明来源文件和行号。"
                : "Personal data (legal representative, phone) is masked by conf's rules, as in export. Every row of the other sheets names its source file and line.");
    }

    private void ratings(ReportWorkbook book, DossierJob.Dossier dossier)
    {
        Sheet sheet = book.sheet(t("信用等级", "Credit grades"), new int[] {8, 8, 8, 10, 32, 10, 8, 70});
        book.title(sheet, 0, t("信用等级及评级依据", "Credit grades and their reasons"));
        book.header(sheet, 2, zh ? new String[] {"年度", "等级", "得分", "直接定级", "规则", "记录数", "分值", "依据"}
                : new String[] {"Year", "Grade", "Score", "Forced", "Rule", "Records", "Points", "Evidence"});
        int r = 3;
        for (Object[] values : dossier.rows("ratings")) {
            Row row = sheet.createRow(r++);
            number(book, row, 0, dossier.value("ratings", values, "year"), "0");
            text(book, row, 1, dossier.value("ratings", values, "grade"));
            number(book, row, 2, dossier.value("ratings", values, "score"), "0");
            text(book, row, 3, dossier.value("ratings", values, "forced"));
            String rule = (String) dossier.value("ratings", values, "rule_id");
            text(book, row, 4, rule == null ? t("（无加减分记录）", "(no rule moved the score)") : ruleName(rule));
            number(book, row, 5, dossier.value("ratings", values, "records"), "0");
            number(book, row, 6, dossier.value("ratings", values, "points"), "+0;-0;0");
            text(book, row, 7, dossier.value("ratings", values, "evidence"));
        }
        if (dossier.rows("ratings").isEmpty()) {
            sheet.createRow(r++).createCell(0).setCellValue(t("无评级记录。", "No ratings."));
        }
        r++;
        book.bold(sheet, r++, t("守信激励（红名单）与失信惩戒（黑名单）", "Red and black lists"));
        // The list's words in the wide rule column, the reason in the evidence column.
        book.header(sheet, r++, zh ? new String[] {"年度", "", "", "", "名单", "变化", "", "原因"} : new String[] {"Year", "", "", "", "List", "Change", "", "Reason"});
        for (Object[] values : dossier.rows("lists")) {
            Row row = sheet.createRow(r++);
            number(book, row, 0, dossier.value("lists", values, "year"), "0");
            text(book, row, 4, listName((String) dossier.value("lists", values, "list")));
            text(book, row, 5, changeName((String) dossier.value("lists", values, "change")));
            text(book, row, 7, dossier.value("lists", values, zh ? "reason_zh" : "reason_en"));
        }
        if (dossier.rows("lists").isEmpty()) {
            sheet.createRow(r).createCell(0).setCellValue(t("未列入红黑名单。", "Never on the red or black list."));
        }
        sheet.createFreezePane(0, 3);
    }

    /** A sheet of one part's rows: {@code columns} are {query column, zh header, en header, width}. */
    private void table(ReportWorkbook book, DossierJob.Dossier dossier, String part, String sheetName, String[][] columns)
    {
        int[] widths = new int[columns.length];
        String[] headers = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            widths[i] = Integer.parseInt(columns[i][3]);
            headers[i] = zh ? columns[i][1] : columns[i][2];
        }
        Sheet sheet = book.sheet(sheetName, widths);
        book.title(sheet, 0, sheetName + (zh ? "（" + dossier.rows(part).size() + " 条）" : " (" + dossier.rows(part).size() + ")"));
        book.header(sheet, 2, headers);
        int r = 3;
        for (Object[] values : dossier.rows(part)) {
            Row row = sheet.createRow(r++);
            for (int i = 0; i < columns.length; i++) {
                Object value = dossier.value(part, values, columns[i][0]);
                if (value instanceof Number) {
                    number(book, row, i, value, value instanceof BigDecimal ? "#,##0.00" : "0");
                }
                else {
                    text(book, row, i, value);
                }
            }
        }
        if (dossier.rows(part).isEmpty()) {
            sheet.createRow(r).createCell(0).setCellValue(t("无记录。", "None."));
        }
        sheet.createFreezePane(0, 3);
    }

    private void peers(ReportWorkbook book, DossierJob.Dossier dossier)
    {
        DossierJob.Peers peers = dossier.peers();
        Sheet sheet = book.sheet(t("同行比较", "Peers"), new int[] {36, 16});
        book.title(sheet, 0, t("与同县同行业企业比较", "Against the enterprises of its county and industry division"));
        Object[][] items = {
                {t("比较期间", "Years"), peers.firstYear() + "–" + peers.lastYear(), null},
                {t("本企业抽查批次", "Its batches sampled"), (double) peers.batches(), "#,##0"},
                {t("本企业合格批次", "Its batches passed"), (double) peers.passed(), "#,##0"},
                {t("本企业批次合格率", "Its pass rate"), peers.rate(), "0.0%"},
                {t("同县同行业有抽查的其他企业", "Peers with batches (same county and industry division)"), (double) peers.peers(), "#,##0"},
                {t("同行合格率中位数", "Peers' median pass rate"), peers.median(), "0.0%"},
                {t("百分位（同行中合格率低于本企业的比例）", "Percentile (share of peers with a lower pass rate)"), peers.percentile(), "0"}};
        int r = 2;
        for (Object[] item : items) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue((String) item[0]);
            row.getCell(0).setCellStyle(book.style("bold"));
            if (item[2] == null) {
                text(book, row, 1, item[1]);
            }
            else {
                book.number(row, 1, (Double) item[1], (String) item[2]);
            }
        }
        book.note(sheet, r + 1, t("同行：与本企业同一区县、同一国民经济行业大类且比较期间有抽查的企业；并列按一半计。“—”表示无法比较。",
                "Peers: enterprises of the same county and industry division with batches in the years; ties count half. \"—\": no comparison possible."));
    }

    private void sources(ReportWorkbook book, DossierJob.Dossier dossier, long snapshot)
    {
        Sheet sheet = book.sheet(t("来源", "Sources"), new int[] {14, 22, 26, 30, 10});
        book.title(sheet, 0, (zh ? "数据来源（数据湖快照 " : "Sources (lake snapshot ") + snapshot + (zh ? "）" : ")"));
        book.header(sheet, 2, zh ? new String[] {"内容", "数据湖表", "写入运行", "来源文件", "行数"} : new String[] {"Part", "Lake table", "Written by run", "Source file", "Rows"});
        int r = 3;
        for (DossierJob.Source source : dossier.sources()) {
            Row row = sheet.createRow(r++);
            text(book, row, 0, partName(source.sheet()));
            text(book, row, 1, source.table());
            text(book, row, 2, source.runId());
            text(book, row, 3, source.sourceFile() == null ? t("（由 build 计算）", "(computed by build)") : source.sourceFile());
            book.number(row, 4, (double) source.rows(), "#,##0");
        }
    }

    private Optional<Object[]> latestRating(DossierJob.Dossier dossier)
    {
        List<Object[]> ratings = dossier.rows("ratings");
        return ratings.isEmpty() ? Optional.empty() : Optional.of(ratings.get(ratings.size() - 1));
    }

    private String currentList(DossierJob.Dossier dossier)
    {
        return dossier.rows("lists").stream()
                .filter(row -> Objects.equals(dossier.value("lists", row, "year"), dossier.lastYear()) && !"removed".equals(dossier.value("lists", row, "change")))
                .map(row -> listName((String) dossier.value("lists", row, "list")) + (zh ? "：" : ": ") + dossier.value("lists", row, zh ? "reason_zh" : "reason_en"))
                .findFirst().orElse(t("无", "none"));
    }

    private boolean validOn(DossierJob.Dossier dossier, Object[] row, LocalDate day)
    {
        LocalDate certified = (LocalDate) dossier.value("brands", row, "certified_on");
        LocalDate until = (LocalDate) dossier.value("brands", row, "valid_until");
        LocalDate revoked = (LocalDate) dossier.value("brands", row, "revoked_on");
        return certified != null && !certified.isAfter(day) && (until == null || day.isBefore(until)) && (revoked == null || day.isBefore(revoked));
    }

    private static String score(DossierJob.Dossier dossier, Object[] row)
    {
        return String.format(Locale.ROOT, "%.0f", ((Number) dossier.value("ratings", row, "score")).doubleValue());
    }

    private String ruleName(String id)
    {
        return scorecard.rules().stream().filter(rule -> rule.id().equals(id)).findFirst().map(rule -> zh ? rule.name().zh() : rule.name().en()).orElse(id);
    }

    private String listName(String list)
    {
        return "red".equals(list) ? t("守信激励（红名单）", "red list") : t("失信惩戒（黑名单）", "black list");
    }

    private String changeName(String change)
    {
        return switch (change) {
            case "added" -> t("新增", "added");
            case "removed" -> t("移出", "removed");
            default -> t("继续列入", "kept");
        };
    }

    private String partName(String part)
    {
        return switch (part) {
            case "registration" -> t("概况", "Overview");
            case "ratings" -> t("信用等级", "Credit grades");
            case "lists" -> t("红黑名单", "Red and black lists");
            case "batches" -> t("抽查记录", "Sampling");
            case "failed" -> t("不合格通报", "Failed-only notices");
            case "cases" -> t("案件", "Cases");
            case "brands" -> t("品牌与认证", "Brands");
            case "standards" -> t("标准", "Standards");
            case "licences" -> t("生产许可证", "Production licences");
            case "recalls" -> t("缺陷产品召回", "Recalls");
            case "equipment" -> t("特种设备", "Special equipment");
            default -> part;
        };
    }

    private void text(ReportWorkbook book, Row row, int column, Object value)
    {
        row.createCell(column).setCellValue(text(value));
        row.getCell(column).setCellStyle(book.style("text"));
    }

    private static void number(ReportWorkbook book, Row row, int column, Object value, String format)
    {
        book.number(row, column, value == null ? null : ((Number) value).doubleValue(), format);
    }

    private String text(Object value)
    {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean flag) {
            return flag ? t("是", "yes") : t("否", "no");
        }
        return value.toString();
    }

    private String t(String chinese, String english)
    {
        return zh ? chinese : english;
    }
}
