package org.zhijian.schema;

import java.util.List;

/**
 * The few values zhijian's own logic spells out; every closed list of a column is in its
 * dataset's file in conf/datasets.
 */
public final class DomainValues
{
    /** The lists that set an enterprise's flags (规模以上, 高新技术), by the enterprises column each sets. */
    public static final List<String> ENTERPRISE_LISTS = List.of("above_scale", "high_tech");

    public static final String TRUE = "是";
    public static final String FALSE = "否";

    private DomainValues() {}
}
