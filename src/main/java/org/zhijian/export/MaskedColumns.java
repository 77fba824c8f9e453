package org.zhijian.export;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.View;

import static scala.jdk.javaapi.CollectionConverters.asJava;

/**
 * Which columns of an export's result show a masked personal column, so the data dictionary can
 * say so: the masked columns of the lake views the query reads, followed through renames and
 * casts. Only a label — the values are masked in the views whatever the query does with them.
 */
final class MaskedColumns
{
    private MaskedColumns() {}

    /** The indexes of the result's columns that show a masked column of a view ({@code masked}: view → its masked columns). */
    static Set<Integer> of(LogicalPlan analyzed, Map<String, List<String>> masked)
    {
        Set<ExprId> ids = new HashSet<>();
        collect(analyzed, masked, ids);
        Set<Integer> result = new TreeSet<>();
        List<Attribute> output = asJava(analyzed.output());
        for (int i = 0; i < output.size(); i++) {
            if (ids.contains(output.get(i).exprId())) {
                result.add(i);
            }
        }
        return result;
    }

    private static void collect(LogicalPlan plan, Map<String, List<String>> masked, Set<ExprId> ids)
    {
        for (LogicalPlan child : asJava(plan.children())) {
            collect(child, masked, ids);
        }
        if (plan instanceof View view && view.desc().identifier().database().isDefined()) {
            String name = (view.desc().identifier().database().get() + "." + view.desc().identifier().table()).toLowerCase(Locale.ROOT);
            List<String> columns = masked.getOrDefault(name, List.of());
            for (Attribute attribute : asJava(view.output())) {
                if (columns.contains(attribute.name())) {
                    ids.add(attribute.exprId());
                }
            }
            return;
        }
        List<NamedExpression> outputs;
        if (plan instanceof Project project) {
            outputs = asJava(project.projectList());
        }
        else if (plan instanceof Aggregate aggregate) {
            outputs = asJava(aggregate.aggregateExpressions());
        }
        else {
            return;
        }
        for (NamedExpression output : outputs) {
            if (output instanceof Alias alias) {
                Expression child = alias.child();
                while (child instanceof Cast cast) {
                    child = cast.child();
                }
                if (child instanceof Attribute attribute && ids.contains(attribute.exprId())) {
                    ids.add(alias.exprId());
                }
            }
        }
    }
}
