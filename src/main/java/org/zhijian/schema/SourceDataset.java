package org.zhijian.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.zhijian.schema.Column.amount;
import static org.zhijian.schema.Column.choice;
import static org.zhijian.schema.Column.optional;
import static org.zhijian.schema.Column.personal;
import static org.zhijian.schema.Column.required;
import static org.zhijian.schema.ColumnType.BOOLEAN;
import static org.zhijian.schema.ColumnType.CODE;
import static org.zhijian.schema.ColumnType.DATE;
import static org.zhijian.schema.ColumnType.INTEGER;
import static org.zhijian.schema.ColumnType.TEXT;
import static org.zhijian.schema.ColumnType.YEAR;

/**
 * The raw datasets of PRODUCT.md §3 (and the failed-only lists of §11), with their columns in file order and their keys.
 * This is the single source of the input schema: the generator writes it, ingest checks it,
 * and docs/data-dictionary.md is generated from it.
 */
public enum SourceDataset
{
    ENTERPRISES("enterprises", "企业", List.of("credit_code"), List.of(
            required("credit_code", "统一社会信用代码", CODE, "Unified social credit code (GB 32100), 18 characters"),
            required("name", "企业名称", TEXT, "Registered enterprise name"),
            required("county_code", "区县代码", CODE, "GB/T 2260 county code; historical codes are mapped to today's"),
            required("industry_code", "行业代码", CODE, "GB/T 4754-2017 section letter, division or class"),
            choice("size", "企业规模", false, DomainValues.SIZES, "Enterprise size class; registers do not give it, so it may be empty"),
            required("above_scale", "规模以上", BOOLEAN, "Above-designated-size industrial enterprise (annual revenue >= 2000 万元)"),
            required("high_tech", "高新技术企业", BOOLEAN, "Certified high-tech enterprise"),
            required("established", "成立日期", DATE, "Date of establishment"),
            choice("status", "经营状态", true, DomainValues.STATUSES, "Registration status"),
            personal("legal_rep", "法定代表人", "Legal representative (personal data, masked on export)"),
            personal("phone", "联系电话", "Contact phone (personal data, masked on export)"),
            optional("address", "住所", TEXT, "Registered address (住所), as the register writes it"),
            optional("former_names", "曾用名", TEXT, "Former names, separated by semicolons; producers on notices resolve by them too"),
            optional("parent_code", "隶属企业统一社会信用代码", CODE, "For a branch (分公司): the credit code of the enterprise it belongs to"))),

    FINANCE("finance", "财务", List.of("credit_code", "year"), List.of(
            required("credit_code", "统一社会信用代码", CODE, "Enterprise credit code"),
            required("year", "年份", YEAR, "Reporting year"),
            amount("output_value", "工业总产值", "万元", false, "Gross industrial output value"),
            amount("sales_revenue", "营业收入", "万元", true, "Operating revenue"),
            amount("brand_sales", "名牌产品销售收入", "万元", false, "Sales revenue of famous-brand products"),
            amount("export_value", "出口交货值", "万元", false, "Export delivery value"),
            amount("rd_spend", "研发经费", "万元", false, "R&D expenditure"),
            optional("patents", "有效专利数", INTEGER, "Valid patents held at year end"))),

    BRANDS("brands", "品牌", List.of("brand_id"), List.of(
            required("brand_id", "品牌编号", CODE, "Certification record id; a renewal is a new record"),
            optional("credit_code", "统一社会信用代码", CODE, "Holder's credit code; empty for a regional brand"),
            required("county_code", "区县代码", CODE, "County of the holder or of the regional cluster"),
            required("industry_code", "行业代码", CODE, "GB/T 4754-2017 code of the branded product"),
            required("brand_name", "品牌", TEXT, "Brand name"),
            required("product", "产品", TEXT, "Certified product"),
            choice("level", "品牌等级", true, DomainValues.BRAND_LEVELS, "Brand level"),
            required("certified_on", "认定日期", DATE, "Date of certification"),
            required("valid_until", "有效期至", DATE, "End of the certification term"),
            optional("revoked_on", "撤销日期", DATE, "Date the certification was revoked, if it was"),
            required("own_ip", "自主知识产权", BOOLEAN, "Brand built on the holder's own intellectual property"))),

    STANDARDS("standards", "标准", List.of("record_id"), List.of(
            required("record_id", "记录编号", CODE, "Record id"),
            required("credit_code", "统一社会信用代码", CODE, "Enterprise credit code"),
            required("standard_no", "标准编号", CODE, "Standard number, e.g. GB/T 19001-2016, DB33/T 1234-2021, ISO 9001:2015"),
            choice("role", "角色", true, DomainValues.STANDARD_ROLES, "The enterprise's role: led, took part, or implements"),
            required("product", "产品", TEXT, "Product the standard covers"),
            choice("adoption", "采标程度", false, DomainValues.ADOPTIONS, "Degree of equivalence to an international standard (GB/T 20000.2)"),
            optional("intl_ref", "国际标准编号", CODE, "Adopted international standard, required for IDT and MOD"),
            required("effective_on", "实施日期", DATE, "Date the enterprise's use of the standard took effect"),
            required("from_rnd", "科研成果转化", BOOLEAN, "Standard converted from research results"))),

    INSPECTIONS("inspections", "监督抽查", List.of("batch_id"), List.of(
            required("batch_id", "批次编号", CODE, "Sampling batch id"),
            optional("credit_code", "统一社会信用代码", CODE, "Producer's credit code; empty for an unlicensed producer"),
            optional("producer_name", "生产者名称", TEXT, "Producer name; required when credit_code is empty"),
            optional("county_code", "区县代码", CODE, "County where the producer is; empty only when the producer did not resolve (match ambiguous, unmatched or outside)"),
            required("category", "抽查产品类别", TEXT, "Product category from conf/reference/categories.csv"),
            choice("plan_level", "抽查层级", true, DomainValues.PLAN_LEVELS, "Sampling plan level"),
            required("sampled_on", "抽样日期", DATE, "Sampling date"),
            choice("result", "检验结论", true, DomainValues.RESULTS, "Inspection result"),
            optional("failed_items", "不合格项目", TEXT, "Failed test items, separated by semicolons"),
            optional("producer_address", "生产者地址", TEXT, "Producer's address as the notice writes it (标称生产单位所在地)"),
            choice("match", "生产者匹配方式", false, DomainValues.MATCHES,
                    "How the producer was resolved: given (the file gave the code), unlicensed (own layout, no code), exact, normalised, operator (producer_map.csv), address (county from the address only), ambiguous, unmatched, outside (the province)"),
            optional("in_province", "计入全省", BOOLEAN, "Whether the batch counts in the province's figures; false for a producer outside the province on a notice that does not cover the province's production"))),

    FAILED_BATCHES("failed_batches", "不合格产品信息", List.of("batch_id"), List.of(
            required("batch_id", "批次编号", CODE, "Batch id; file and 序号 where the list has none"),
            optional("credit_code", "统一社会信用代码", CODE, "Producer's credit code, as resolved from its name"),
            optional("producer_name", "生产者名称", TEXT, "Producer name as listed"),
            optional("county_code", "区县代码", CODE, "County of the producer, when it resolved"),
            required("category", "抽查产品类别", TEXT, "Product category from conf/reference/categories.csv"),
            choice("plan_level", "抽查层级", true, DomainValues.PLAN_LEVELS, "Sampling plan level"),
            required("sampled_on", "抽样日期", DATE, "Sampling date, else the list's publication date"),
            optional("failed_items", "不合格项目", TEXT, "Failed test items"),
            optional("producer_address", "生产者地址", TEXT, "Producer's address as listed"),
            choice("match", "生产者匹配方式", false, DomainValues.MATCHES, "How the producer was resolved (as for inspections)"))),

    ENTERPRISE_LISTS("enterprise_lists", "企业名单", List.of("list", "credit_code"), List.of(
            choice("list", "名单", true, DomainValues.ENTERPRISE_LISTS, "Which list: above_scale (规模以上工业企业名单) or high_tech (高新技术企业名单); it sets that flag of the enterprise"),
            optional("credit_code", "统一社会信用代码", CODE, "The listed enterprise's credit code, resolved from its name where the list gives none; a row with neither is quarantined (ref.list_enterprise)"),
            optional("name", "企业名称", TEXT, "The enterprise's name as listed"),
            optional("year", "年份", YEAR, "Year of the list; an enterprise has the flag when it is on its list's latest year"),
            choice("match", "匹配方式", false, DomainValues.MATCHES, "How the enterprise was found: given (by code), exact or normalised (by name)"))),

    CASES("cases", "案件", List.of("case_id"), List.of(
            required("case_id", "案件编号", CODE, "Case id"),
            optional("credit_code", "统一社会信用代码", CODE, "Party's credit code; empty for an unlicensed party"),
            required("county_code", "区县代码", CODE, "County of the case"),
            choice("violation", "违法类型", true, DomainValues.VIOLATIONS, "Violation type"),
            required("opened_on", "立案日期", DATE, "Date the case was opened"),
            optional("closed_on", "结案日期", DATE, "Date the case was closed, empty while open"),
            amount("fine", "罚没款", "元", false, "Fines and confiscations"),
            amount("goods_value", "货值金额", "元", false, "Value of the goods involved"))),

    REGION_ECONOMY("region_economy", "区域经济", List.of("county_code", "year"), List.of(
            required("county_code", "区县代码", CODE, "County code"),
            required("year", "年份", YEAR, "Year"),
            amount("gdp", "地区生产总值", "亿元", true, "Gross domestic product"),
            amount("industrial_output", "规上工业总产值", "亿元", true, "Gross output of above-scale industry"),
            amount("population", "常住人口", "万人", false, "Resident population"),
            optional("townships", "乡镇数", INTEGER, "Number of townships and sub-districts"),
            optional("quality_stations", "质监工作站数", INTEGER, "Township quality-supervision work stations")));

    private final String tableName;
    private final String chineseName;
    private final List<String> keyColumns;
    private final List<Column> columns;

    SourceDataset(String tableName, String chineseName, List<String> keyColumns, List<Column> columns)
    {
        this.tableName = tableName;
        this.chineseName = chineseName;
        this.keyColumns = List.copyOf(keyColumns);
        this.columns = List.copyOf(columns);
    }

    public String tableName()
    {
        return tableName;
    }

    public String chineseName()
    {
        return chineseName;
    }

    public List<String> keyColumns()
    {
        return keyColumns;
    }

    public List<Column> columns()
    {
        return columns;
    }

    public List<String> columnNames()
    {
        return columns.stream().map(Column::name).toList();
    }

    public int columnIndex(String name)
    {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("dataset " + tableName + " has no column " + name);
    }

    /**
     * The dataset a raw file belongs to, known by its base name: enterprises.csv, brands.xlsx,
     * or a delivery named after it such as inspections_2025Q3.csv or 监督抽查-2025.csv.
     */
    public static Optional<SourceDataset> forFileName(String fileName)
    {
        String base = fileName.toLowerCase(Locale.ROOT);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String name = base;
        return Arrays.stream(values())
                .filter(dataset -> namedAfter(name, dataset.tableName) || namedAfter(name, dataset.chineseName))
                .findFirst();
    }

    private static boolean namedAfter(String base, String datasetName)
    {
        if (!base.startsWith(datasetName)) {
            return false;
        }
        if (base.length() == datasetName.length()) {
            return true;
        }
        char next = base.charAt(datasetName.length());
        return next == '_' || next == '-' || next == ' ' || next == '.' || Character.isDigit(next);
    }
}
