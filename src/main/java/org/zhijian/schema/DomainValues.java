package org.zhijian.schema;

import java.util.List;

/** The closed value lists of PRODUCT.md §3, spelled as the bureau's files spell them. */
public final class DomainValues
{
    public static final List<String> SIZES = List.of("大型", "中型", "小型", "微型");
    public static final List<String> STATUSES = List.of("存续", "注销", "吊销");
    public static final List<String> BRAND_LEVELS = List.of("浙江名牌", "浙江制造", "中国驰名商标", "区域名牌");
    public static final List<String> STANDARD_ROLES = List.of("主导制定", "参与制定", "执行");
    public static final List<String> ADOPTIONS = List.of("IDT", "MOD", "NEQ");
    public static final List<String> PLAN_LEVELS = List.of("国抽", "省抽", "市抽", "县抽");
    public static final List<String> RESULTS = List.of("合格", "不合格");
    /** How a producer was resolved (ProducerResolver.Match). */
    public static final List<String> MATCHES = List.of("given", "unlicensed", "exact", "normalised", "operator", "address", "ambiguous", "unmatched", "outside");
    /** The lists that set an enterprise's flags (规模以上, 高新技术), by the enterprises column each sets. */
    public static final List<String> ENTERPRISE_LISTS = List.of("above_scale", "high_tech");
    public static final List<String> VIOLATIONS = List.of("制假售假", "无证生产", "产品质量不合格", "标识违法", "其他");

    public static final String TRUE = "是";
    public static final String FALSE = "否";

    private DomainValues() {}
}
